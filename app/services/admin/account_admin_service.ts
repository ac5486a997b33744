import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import User, { ACCOUNT_STATUSES, ROLES, type AccountStatus, type Role } from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import SessionRegistry from '#services/auth/session_registry'
import LoginLockoutService from '#services/auth/login_lockout_service'

export interface UserFilters {
  q?: string
  role?: Role
  status?: AccountStatus
  page?: number
}

/** Who makes a change: an admin in a request, or an operator at the command line (no actor). */
export interface ChangeOrigin {
  actor: User | null
  ctx?: Pick<HttpContext, 'request'> | null
  source?: 'admin' | 'cli'
}

export const USERS_PER_PAGE = 25

/**
 * Account management: the list admins and the board read, and the changes only admins (or
 * an operator with shell access) make. Every change is audited with the old and new value.
 */
export default class AccountAdminService {
  static list(filters: UserFilters) {
    const query = User.query().orderBy('created_at', 'desc').orderBy('id', 'desc')
    if (filters.q) {
      const term = `%${filters.q}%`
      query.where((search) => {
        search
          .whereILike('email', term)
          .orWhereILike('full_name', term)
          .orWhereILike('display_name', term)
      })
    }
    if (filters.role) query.where('role', filters.role)
    if (filters.status) query.where('status', filters.status)
    return query.paginate(filters.page ?? 1, USERS_PER_PAGE)
  }

  /**
   * Accounts per role and per status, every value present (zero when none).
   */
  static async counts() {
    const [byRole, byStatus] = await Promise.all([
      db.from('users').select('role').count('* as total').groupBy('role'),
      db.from('users').select('status').count('* as total').groupBy('status'),
    ])
    const tally = <T extends string>(keys: readonly T[], rows: any[], column: string) =>
      Object.fromEntries(
        keys.map((key) => [key, Number(rows.find((row) => row[column] === key)?.total ?? 0)])
      ) as Record<T, number>
    const roles = tally(ROLES, byRole, 'role')
    return {
      roles,
      statuses: tally(ACCOUNT_STATUSES, byStatus, 'status'),
      total: Object.values<number>(roles).reduce((sum, value) => sum + value, 0),
    }
  }

  static async changeRole(target: User, role: Role, origin: ChangeOrigin) {
    const previous = target.role
    if (previous === role) return false
    target.role = role
    await target.save()
    await AuditLogService.record(
      {
        action: 'role.changed',
        actor: origin.actor,
        subject: target,
        meta: { from: previous, to: role, source: origin.source ?? 'admin' },
      },
      origin.ctx
    )
    return true
  }

  /**
   * Disabling or suspending an account also ends every session it has open, on every device:
   * the person is signed out on their next request, not when their session expires.
   */
  static async changeStatus(
    target: User,
    status: AccountStatus,
    origin: ChangeOrigin & { reason?: string }
  ) {
    const previous = target.status
    if (previous === status) return false
    target.status = status
    await target.save()
    if (status !== 'active') {
      await SessionRegistry.revokeAll(target)
    }
    await AuditLogService.record(
      {
        action: 'status.changed',
        actor: origin.actor,
        subject: target,
        meta: {
          from: previous,
          to: status,
          source: origin.source ?? 'admin',
          ...(origin.reason ? { reason: origin.reason } : {}),
        },
      },
      origin.ctx
    )
    return true
  }

  static async lockedForSeconds(target: User) {
    return LoginLockoutService.lockedFor(target.email)
  }

  static async unlock(target: User, origin: ChangeOrigin) {
    await LoginLockoutService.unlock(target, origin.actor, origin.ctx)
  }

  /**
   * A verified account created by an operator (first admin of a fresh install, or a board
   * member added by hand).
   */
  static async createVerified(
    data: { email: string; fullName: string; password: string; role: Role },
    origin: ChangeOrigin
  ) {
    const user = await User.create({
      email: data.email,
      fullName: data.fullName,
      password: data.password,
      role: data.role,
      status: 'active',
      emailVerifiedAt: DateTime.utc(),
    })
    await AuditLogService.record(
      {
        action: 'account.created',
        actor: origin.actor,
        subject: user,
        meta: { role: data.role, source: origin.source ?? 'admin' },
      },
      origin.ctx
    )
    return user
  }
}
