import MemberProfile from '#models/member_profile'
import privacyRegistry from '#services/privacy/privacy_registry'

/*
 * The directory: the member's professional information. Erasing it also takes it out of the
 * directory's search index (kept in step by database triggers).
 */
privacyRegistry.register({
  name: 'member_profile',
  async export(user) {
    const profile = await MemberProfile.findBy('userId', user.id)
    return {
      data: {
        professionalInformation: profile && {
          institution: profile.institution,
          position: profile.position,
          field: profile.field,
          degrees: profile.degrees,
          website: profile.website,
          orcid: profile.orcid,
          interests: profile.interests,
          country: profile.country,
          updatedAt: (profile.updatedAt ?? profile.createdAt).toISO(),
        },
      },
    }
  },
  async erase(user, trx) {
    await MemberProfile.query({ client: trx }).where('user_id', user.id).delete()
  },
})
