import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import UserTokenService from '#services/auth/user_token_service'
import ConfirmEmailChangeMail from '#mails/account/confirm_email_change_mail'
import EmailChangedMail from '#mails/account/email_changed_mail'

export type EmailChangeRequestResult = 'sent' | 'wrong_password' | 'taken' | 'unchanged'
export type EmailChangeConfirmResult =
  { status: 'changed'; email: string } | { status: 'invalid' | 'taken' }

/**
 * Changing the sign-in address. The new address must prove it is reachable (a link sent to it)
 * before it replaces the old one, and the old address is told, so a hijacked session cannot
 * quietly move an account to an attacker's mailbox.
 */
export default class EmailChangeService {
  static async request(
    user: User,
    newEmail: string,
    currentPassword: string
  ): Promise<EmailChangeRequestResult> {
    if (!(await hash.verify(user.password, currentPassword))) {
      return 'wrong_password'
    }
    if (newEmail === user.email) {
      return 'unchanged'
    }
    if (await EmailChangeService.#takenByAnother(newEmail, user)) {
      return 'taken'
    }
    const token = await UserTokenService.issue(user, 'email_change', newEmail)
    const url = urlFor('account_email.confirm', { token }, { prefixUrl: appUrl })
    await mail.sendLater(new ConfirmEmailChangeMail(user, newEmail, url))
    return 'sent'
  }

  /**
   * Applies the change when `user` follows their link. A link is used once; the address is
   * checked again because another account may have taken it since the link was sent.
   */
  static async confirm(
    user: User,
    token: string,
    ctx: HttpContext
  ): Promise<EmailChangeConfirmResult> {
    const record = await UserTokenService.consume(token, 'email_change')
    if (!record || record.userId !== user.id || !record.payload) {
      return { status: 'invalid' }
    }
    const newEmail = record.payload
    if (await EmailChangeService.#takenByAnother(newEmail, user)) {
      return { status: 'taken' }
    }
    const oldEmail = user.email
    user.email = newEmail
    user.emailVerifiedAt = DateTime.utc()
    await user.save()

    await AuditLogService.record(
      {
        action: 'email.changed',
        actor: user,
        subject: user,
        meta: { from: oldEmail, to: newEmail },
      },
      ctx
    )
    await mail.sendLater(new EmailChangedMail(user, oldEmail))
    return { status: 'changed', email: newEmail }
  }

  static async #takenByAnother(email: string, user: User) {
    const other = await User.query().where('email', email).whereNot('id', user.id).first()
    return other !== null
  }
}
