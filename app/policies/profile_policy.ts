import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Who sees a member's profile (and its picture), as the member chose: `public` anyone,
 * `members` signed-in members, `private` only themselves and the board. A disabled account
 * shows nothing.
 */
export default class ProfilePolicy extends BasePolicy {
  @allowGuest()
  view(viewer: User | null, owner: User) {
    if (viewer && (viewer.id === owner.id || viewer.isBoard)) {
      return true
    }
    if (owner.status !== 'active') {
      return false
    }
    if (owner.profileVisibility === 'public') {
      return true
    }
    return (
      owner.profileVisibility === 'members' &&
      viewer !== null &&
      viewer.isMember &&
      viewer.isVerified
    )
  }
}
