import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Membership from '#models/membership'

/**
 * Running the membership from the admin area. The board reads the list, decides statuses,
 * awards badges, writes to members and exports; admins alone record renewals, import members
 * and define types and profile fields. A board member never changes their own membership, not
 * even its expiry by recording a renewal.
 */
export default class MembershipPolicy extends BasePolicy {
  viewAny(actor: User) {
    return actor.isBoard
  }

  view(actor: User, _membership: Membership) {
    return actor.isBoard
  }

  changeStatus(actor: User, membership: Membership) {
    return actor.isBoard && membership.userId !== actor.id
  }

  recordRenewal(actor: User, membership: Membership) {
    return actor.isAdmin && membership.userId !== actor.id
  }

  bulk(actor: User) {
    return actor.isBoard
  }

  export(actor: User) {
    return actor.isBoard
  }

  import(actor: User) {
    return actor.isAdmin
  }

  viewStatistics(actor: User) {
    return actor.isBoard
  }

  manageTypes(actor: User) {
    return actor.isAdmin
  }

  manageProfileFields(actor: User) {
    return actor.isAdmin
  }

  /** The member's own page: any signed-in account may see whether it has a membership. */
  viewOwn(actor: User) {
    return actor.canSignIn
  }

  manageSeats(actor: User, membership: Membership) {
    return membership.userId === actor.id && membership.isGood
  }
}
