import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#models/user'

/**
 * The admin area. Board members oversee the membership, so they may open the area and read the
 * member list; everything that changes an account or exposes security data (audit trail,
 * failed jobs, what the readiness probe found) is for admins only. Guests never get here: no
 * action allows them.
 */
export default class AdminPolicy extends BasePolicy {
  viewDashboard(user: User) {
    return user.isBoard
  }

  viewAuditLog(user: User) {
    return user.isAdmin
  }

  manageJobs(user: User) {
    return user.isAdmin
  }

  viewHealthReport(user: User) {
    return user.isAdmin
  }
}
