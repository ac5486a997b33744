import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import SessionRegistry from '#services/auth/session_registry'
import PasswordChangedMail from '#mails/auth/password_changed_mail'
import { authLinks } from '#services/auth/auth_links'

/**
 * Changing the password from the account page. Whoever learned the old password may be signed
 * in elsewhere: those sessions end, only the one making the change stays.
 */
export default class PasswordChangeService {
  /**
   * Returns false when the current password is wrong.
   */
  static async change(user: User, currentPassword: string, newPassword: string, ctx: HttpContext) {
    if (!(await hash.verify(user.password, currentPassword))) {
      return false
    }
    user.password = newPassword
    await user.save()
    await SessionRegistry.revokeAll(user, ctx.session.sessionId)
    await AuditLogService.record({ action: 'password.changed', actor: user, subject: user }, ctx)
    await mail.sendLater(new PasswordChangedMail(user, authLinks.forgotPassword()))
    return true
  }
}
