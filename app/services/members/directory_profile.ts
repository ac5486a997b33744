import User from '#models/user'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import MembershipSeat from '#models/membership_seat'
import MemberProfile from '#models/member_profile'
import MemberBadge from '#models/member_badge'
import MembershipHistory from '#models/membership_history'
import DirectoryQuery from '#services/members/directory_query'
import ProfileFieldService from '#services/members/profile_field_service'
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
    // A member through their own membership, or else through a seat of someone else's.
    const visible =
      (await DirectoryQuery.visibleTo(viewer)
        .where('users.id', memberId)
        .select('memberships.id as membership_id', db.raw('null as seat_id'))
        .first()) ??
      (await DirectoryQuery.visibleTo(viewer, 'seat')
        .where('users.id', memberId)
        .select('memberships.id as membership_id', 'membership_seats.id as seat_id')
        .first())
    if (!visible) return null

    const isSelf = viewer?.id === memberId

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
    const fields = await ProfileFieldService.visibleValues(member, viewer)
    const seat = visible.seat_id ? await MembershipSeat.findOrFail(visible.seat_id) : null
    // A seat holder's history is the holder's membership's: theirs to see, not the seat's.
    const history =
      options.withHistory && !seat
        ? await MembershipHistory.latestFor(visible.membership_id, 100)
        : []

    return {
      member,
      email: member.showEmail ? member.email : null,
      membership,
      seat,
      memberSince: seat ? seat.acceptedAt : membership.startedOn,
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
