import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import UserTokenService from '#services/auth/user_token_service'
import SessionRegistry from '#services/auth/session_registry'
import LoginLockoutService from '#services/auth/login_lockout_service'
import PasswordResetMail from '#mails/auth/password_reset_mail'
import PasswordChangedMail from '#mails/auth/password_changed_mail'
import { authLinks } from '#services/auth/auth_links'

/**
 * "Forgot password": a single-use link valid one hour. The request page answers the same
 * whether or not the address has an account.
 */
export default class PasswordResetService {
  static async request(email: string) {
    const user = await User.findBy('email', email)
    if (!user || !user.canSignIn) {
      return
    }
    const token = await UserTokenService.issue(user, 'password_reset')
    await mail.sendLater(new PasswordResetMail(user, authLinks.resetPassword(token)))
  }

  static async isUsable(token: string) {
    return (await UserTokenService.find(token, 'password_reset')) !== null
  }

  /**
   * Sets the new password and signs the account out everywhere. Returns the user, or null when
   * the link is unknown, expired or already used.
   */
  static async reset(token: string, password: string, ctx: Pick<HttpContext, 'request'>) {
    const record = await UserTokenService.consume(token, 'password_reset')
    if (!record) {
      return null
    }
    const user = await User.findOrFail(record.userId)
    user.password = password
    // Following the mailed link proves the address, as the verification link would.
    user.emailVerifiedAt ??= DateTime.utc()
    await user.save()

    await SessionRegistry.revokeAll(user)
    await LoginLockoutService.clear(user.email)
    await AuditLogService.record({ action: 'password.reset', actor: user, subject: user }, ctx)
    await mail.sendLater(new PasswordChangedMail(user, authLinks.forgotPassword()))
    return user
  }
}
