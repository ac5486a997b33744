import type { HttpContext } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import AccountLockedMail from '#mails/auth/account_locked_mail'
import { authLinks } from '#services/auth/auth_links'

/*
 * Failed sign-ins are counted per account (the normalised email), whatever the IP, so an
 * attacker rotating addresses still locks it; and per IP across accounts, against credential
 * stuffing. Successful sign-ins reset the account counter only.
 */
export const ACCOUNT_MAX_FAILURES = 5
export const ACCOUNT_WINDOW = '15 minutes'
export const BASE_LOCK_MINUTES = 15
export const MAX_LOCK_MINUTES = 24 * 60
export const IP_MAX_FAILURES = 30
export const IP_WINDOW = '15 minutes'

export class AccountLockedError extends Error {
  constructor(public retryInSeconds: number) {
    super('Account locked')
  }

  get retryInMinutes() {
    return Math.max(1, Math.ceil(this.retryInSeconds / 60))
  }
}

export default class LoginLockoutService {
  /** Failures of one account within the window; blocked (locked) once the limit is reached. */
  static failures() {
    return limiter.use({ requests: ACCOUNT_MAX_FAILURES, duration: ACCOUNT_WINDOW })
  }

  /** Lockouts of one account within a day: each one doubles the next lock. */
  static lockouts() {
    return limiter.use({ requests: 100, duration: '24 hours' })
  }

  static ipFailures() {
    return limiter.use({ requests: IP_MAX_FAILURES, duration: IP_WINDOW })
  }

  static accountKey(email: string) {
    return `login_failures_account_${email.trim().toLowerCase()}`
  }

  static lockoutsKey(email: string) {
    return `login_lockouts_account_${email.trim().toLowerCase()}`
  }

  static ipKey(ip: string) {
    return `login_failures_ip_${ip}`
  }

  static lockMinutes(lockoutCount: number) {
    return Math.min(BASE_LOCK_MINUTES * 2 ** Math.max(0, lockoutCount - 1), MAX_LOCK_MINUTES)
  }

  /**
   * Runs `verify` (the password check) under both counters. Throws the limiter's 429 error when
   * the IP is throttled, AccountLockedError while the account is locked (even for the right
   * password), and verify's own error when it fails.
   */
  static async guard<T>(email: string, ctx: HttpContext, verify: () => Promise<T>): Promise<T> {
    const ipKey = this.ipKey(ctx.request.ip())
    const ipState = await this.ipFailures().get(ipKey)
    if (ipState && ipState.remaining <= 0) {
      throw new limiterErrors.E_TOO_MANY_REQUESTS(ipState)
    }

    const accountKey = this.accountKey(email)
    const [lockedError, result] = await this.failures()
      .penalize(accountKey, verify)
      .catch(async (error) => {
        const lockedForMinutes = await this.recordFailure(email, ipKey, accountKey, ctx)
        // The attempt that triggers the lock already says so, rather than "wrong password".
        throw lockedForMinutes ? new AccountLockedError(lockedForMinutes * 60) : error
      })
    if (lockedError) {
      throw new AccountLockedError(lockedError.response.availableIn)
    }
    return result
  }

  /**
   * Counts a failure against the IP and the account; locks the account when it reached the
   * limit and returns the lock's length in minutes (0 when not locked).
   */
  private static async recordFailure(
    email: string,
    ipKey: string,
    accountKey: string,
    ctx: HttpContext
  ) {
    const ipState = await this.ipFailures().increment(ipKey)
    if (ipState.remaining <= 0) {
      await this.ipFailures().block(ipKey, IP_WINDOW)
    }

    const state = await this.failures().get(accountKey)
    if (!state || state.remaining > 0) {
      return 0
    }
    const lockouts = await this.lockouts().increment(this.lockoutsKey(email))
    const minutes = this.lockMinutes(lockouts.consumed)
    await this.failures().block(accountKey, minutes * 60)

    // Unknown addresses lock the same way, so a lock tells nothing about whether an account exists.
    const user = await User.findBy('email', email)
    await AuditLogService.record(
      { action: 'account.locked', subject: user, subjectEmail: email, meta: { minutes } },
      ctx
    )
    if (user) {
      await mail.sendLater(
        new AccountLockedMail(user, { minutes, forgotPasswordUrl: authLinks.forgotPassword() })
      )
    }
    return minutes
  }

  /**
   * Seconds until the account can try again, 0 when it is not locked.
   */
  static async lockedFor(email: string) {
    const state = await this.failures().get(this.accountKey(email))
    return state && state.remaining <= 0 ? state.availableIn : 0
  }

  /**
   * Forgets an account's failures and lockouts, e.g. after a password reset.
   */
  static async clear(email: string) {
    await this.failures().delete(this.accountKey(email))
    await this.lockouts().delete(this.lockoutsKey(email))
  }

  /**
   * Lifts a lock early; used by the board from the admin area.
   */
  static async unlock(user: User, actor: User | null, ctx?: Pick<HttpContext, 'request'> | null) {
    await this.clear(user.email)
    await AuditLogService.record({ action: 'account.unlocked', actor, subject: user }, ctx)
  }
}
