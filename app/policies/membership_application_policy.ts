import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'
import type MembershipApplication from '#models/membership_application'

/**
 * Applying is for signed-in accounts with a verified address; the board reviews the queue and
 * decides, though never on its own application.
 */
export default class MembershipApplicationPolicy extends BasePolicy {
  create(actor: User) {
    return actor.canSignIn && actor.isVerified
  }

  viewAny(actor: User) {
    return actor.isBoard
  }

  view(actor: User, application: MembershipApplication) {
    return actor.isBoard || application.userId === actor.id
  }

  decide(actor: User, application: MembershipApplication) {
    return actor.isBoard && application.userId !== actor.id
  }
}
