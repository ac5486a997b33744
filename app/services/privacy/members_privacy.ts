import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import MemberBadge from '#models/member_badge'
import Membership from '#models/membership'
import MembershipApplication from '#models/membership_application'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'
import ProfileFieldValue from '#models/profile_field_value'
import MemberImportService from '#services/members/member_import_service'
import privacyRegistry, { type ExportedFile } from '#services/privacy/privacy_registry'

/*
 * Membership: the person's membership and its history, their applications (with the supporting
 * document), badges, custom profile field values and seats. On deletion all of it goes; what
 * they decided for others (history lines, awards) stays, shown as by a "Former member".
 */
privacyRegistry.register({
  name: 'membership',
  async export(user) {
    const [membership, applications, badges, values, seats] = await Promise.all([
      Membership.query().where('user_id', user.id).preload('type').first(),
      MembershipApplication.query().where('user_id', user.id).preload('type').orderBy('id'),
      MemberBadge.query().where('user_id', user.id).preload('badge').orderBy('id'),
      ProfileFieldValue.query().where('user_id', user.id).preload('field').orderBy('id'),
      MembershipSeat.query().where('user_id', user.id).orderBy('id'),
    ])
    const history = membership
      ? await MembershipHistory.query().where('membership_id', membership.id).orderBy('id')
      : []

    const files: ExportedFile[] = []
    for (const application of applications) {
      if (!application.documentKey) continue
      try {
        files.push({
          name: `application-${application.id}-${application.documentName ?? 'document'}`,
          contents: Buffer.from(await drive.use().getBytes(application.documentKey)),
        })
      } catch (error) {
        logger.warn({ err: error, applicationId: application.id }, 'application document missing')
      }
    }

    return {
      data: {
        membership: membership && {
          type: membership.type.name,
          status: membership.status,
          memberNumber: membership.memberNumber,
          startedOn: membership.startedOn?.toISODate() ?? null,
          expiresOn: membership.expiresOn?.toISODate() ?? null,
          history: history.map((line) => ({
            event: line.event,
            from: line.fromStatus,
            to: line.toStatus,
            expiresOn: line.toExpiresOn?.toISODate() ?? null,
            reason: line.reason,
            at: line.createdAt.toISO(),
          })),
        },
        applications: applications.map((application) => ({
          type: application.type.name,
          status: application.status,
          institution: application.institution,
          position: application.position,
          field: application.field,
          degrees: application.degrees,
          website: application.website,
          orcid: application.orcid,
          interests: application.interests,
          country: application.country,
          motivation: application.motivation,
          document: application.documentName,
          consentVersion: application.consentVersion,
          consentedAt: application.consentedAt.toISO(),
          decidedAt: application.decidedAt?.toISO() ?? null,
          decisionReason: application.decisionReason,
          sentAt: application.createdAt.toISO(),
        })),
        badges: badges.map((award) => ({
          badge: award.badge.name,
          note: award.note,
          awardedAt: award.awardedAt.toISO(),
        })),
        profileFields: values.map((value) => ({ field: value.field.label, value: value.value })),
        seats: seats.map((seat) => ({
          membershipId: seat.membershipId,
          acceptedAt: seat.acceptedAt?.toISO() ?? null,
        })),
      },
      files,
    }
  },
  async erase(user, trx) {
    const applications = await MembershipApplication.query({ client: trx })
      .where('user_id', user.id)
      .whereNotNull('document_key')
    const keys = applications.map((application) => application.documentKey!)
    keys.push(...(await MemberImportService.forgetPreviewsOf(user, trx)))

    await MembershipApplication.query({ client: trx }).where('user_id', user.id).delete()
    await MemberBadge.query({ client: trx }).where('user_id', user.id).delete()
    await ProfileFieldValue.query({ client: trx }).where('user_id', user.id).delete()
    await MembershipSeat.query({ client: trx }).where('user_id', user.id).delete()
    // History, reminders and the seats it shares out go with the membership (foreign keys cascade).
    await Membership.query({ client: trx }).where('user_id', user.id).delete()

    return { files: keys }
  },
})
