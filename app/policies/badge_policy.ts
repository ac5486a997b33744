import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/** Admins define badges; the board awards and revokes them. */
export default class BadgePolicy extends BasePolicy {
  manage(actor: User) {
    return actor.isAdmin
  }

  award(actor: User) {
    return actor.isBoard
  }
}
