import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as authErrors } from '@adonisjs/auth'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import LoginLockoutService, { AccountLockedError } from '#services/auth/login_lockout_service'

export class AccountInactiveError extends Error {}

/**
 * Checking a sign-in attempt. Wrong password and unknown address fail alike (same message,
 * and a password hash is computed either way); the lockout counters wrap the check.
 */
export default class LoginService {
  static async attempt(email: string, password: string, ctx: HttpContext) {
    let user: User
    try {
      user = await LoginLockoutService.guard(email, ctx, () =>
        User.verifyCredentials(email, password)
      )
    } catch (error) {
      if (
        error instanceof authErrors.E_INVALID_CREDENTIALS ||
        error instanceof AccountLockedError
      ) {
        const reason = error instanceof AccountLockedError ? 'locked' : 'invalid_credentials'
        await AuditLogService.record(
          { action: 'login.failed', subjectEmail: email, meta: { reason } },
          ctx
        )
      }
      throw error
    }

    if (!user.canSignIn) {
      await AuditLogService.record(
        { action: 'login.failed', subject: user, meta: { reason: user.status } },
        ctx
      )
      throw new AccountInactiveError()
    }

    user.lastLoginAt = DateTime.utc()
    await user.save()
    await AuditLogService.record({ action: 'login.succeeded', actor: user, subject: user }, ctx)
    return user
  }

  /**
   * What the login form says when an attempt fails; null for errors it should not hide.
   */
  static refusalMessage(error: unknown) {
    if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
      return 'Incorrect email or password.'
    }
    if (error instanceof AccountLockedError) {
      const minutes = error.retryInMinutes
      return `Too many failed attempts: sign-in to this account is paused. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, or reset your password.`
    }
    if (error instanceof AccountInactiveError) {
      return 'This account cannot sign in. Please contact the association.'
    }
    return null
  }
}
