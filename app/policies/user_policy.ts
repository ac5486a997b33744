import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * Managing accounts from the admin area. Board members may read the list and an account's
 * page; only admins change a role or status or lift a lockout, and never on their own account,
 * so the last admin cannot lock everyone out by mistake.
 */
export default class UserPolicy extends BasePolicy {
  viewAny(actor: User) {
    return actor.isBoard
  }

  view(actor: User, _target: User) {
    return actor.isBoard
  }

  changeRole(actor: User, target: User) {
    return actor.isAdmin && actor.id !== target.id
  }

  changeStatus(actor: User, target: User) {
    return actor.isAdmin && actor.id !== target.id
  }

  unlock(actor: User, _target: User) {
    return actor.isAdmin
  }
}
