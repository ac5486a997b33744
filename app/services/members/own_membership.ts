import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import type User from '#models/user'

// The latest changes; the history is kept whole in the database (and in the member's data export).
const HISTORY_SHOWN = 50

/**
 * A member's own membership as their membership page shows it: type, seats with who took them,
 * and the latest history entries with who made each change.
 */
export default class OwnMembership {
  static async of(user: User) {
    const membership = await Membership.query()
      .where('user_id', user.id)
      .preload('type')
      .preload('seats', (seats) => seats.preload('user').orderBy('invited_at'))
      .first()
    const history = membership
      ? await MembershipHistory.latestFor(membership.id, HISTORY_SHOWN)
      : []
    return { membership, history }
  }
}
