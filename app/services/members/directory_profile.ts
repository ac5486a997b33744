import User from '#models/user'
import Membership from '#models/membership'
import MemberProfile from '#models/member_profile'
import MemberBadge from '#models/member_badge'
import MembershipHistory from '#models/membership_history'
import ProfileFieldValue from '#models/profile_field_value'
import DirectoryQuery from '#services/members/directory_query'
import { directoryAudience, fieldLevelsFor } from '#services/members/directory_visibility'
import { countryName } from '#services/members/directory_countries'

export interface ProfessionalInfo {
  institution?: string
  position?: string
  field?: string
  degrees?: string
  website?: string
  orcid?: string
  interests?: string
  country?: string
}

/**
 * A member's profile page and the member's own professional information.
 */
export default class DirectoryProfile {
  /**
   * Everything the profile page shows, or null when `viewer` may not see this member (the
   * directory's rule decides, so the page and the list never disagree).
   */
  static async find(viewer: User | null, memberId: number, options: { withHistory: boolean }) {
    const visible = await DirectoryQuery.visibleTo(viewer)
      .where('users.id', memberId)
      .select('memberships.id as membership_id')
      .first()
    if (!visible) return null

    const isSelf = viewer?.id === memberId
    const fieldLevels = isSelf ? fieldLevelsFor('board') : fieldLevelsFor(directoryAudience(viewer))

    // One after the other: a transaction (and SQLite) runs one query at a time anyway.
    const member = await User.findOrFail(memberId)
    const membership = await Membership.query()
      .where('id', visible.membership_id)
      .preload('type')
      .firstOrFail()
    const profile = await MemberProfile.findBy('userId', memberId)
    const awards = await MemberBadge.query()
      .where('userId', memberId)
      .preload('badge')
      .orderBy('awardedAt', 'desc')
    const fields = await ProfileFieldValue.query()
      .where('userId', memberId)
      .whereHas('field', (field) => field.whereIn('visibility', fieldLevels))
      .preload('field')
    const history = options.withHistory
      ? await MembershipHistory.query()
          .where('membershipId', visible.membership_id)
          .preload('actor')
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(100)
      : []
    fields.sort((a, b) => a.field.position - b.field.position)

    return {
      member,
      email: member.showEmail ? member.email : null,
      membership,
      profile,
      country: countryName(profile?.country),
      awards,
      fields,
      history,
      isSelf,
    }
  }

  static async professionalInfo(user: User) {
    return MemberProfile.findBy('userId', user.id)
  }

  /** Saves the member's own professional information; blank fields are cleared. */
  static async saveProfessionalInfo(user: User, info: ProfessionalInfo) {
    const values = {
      institution: info.institution || null,
      position: info.position || null,
      field: info.field || null,
      degrees: info.degrees || null,
      website: info.website || null,
      orcid: info.orcid || null,
      interests: info.interests || null,
      country: info.country || null,
    }
    return MemberProfile.updateOrCreate({ userId: user.id }, values)
  }
}
