import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import UserTokenService from '#services/auth/user_token_service'
import VerifyEmailMail from '#mails/auth/verify_email_mail'
import { authLinks } from '#services/auth/auth_links'

/**
 * Proving that an account's owner reads its email address: a single-use link valid 24 hours.
 */
export default class EmailVerificationService {
  static async send(user: User) {
    const token = await UserTokenService.issue(user, 'email_verification')
    await mail.sendLater(new VerifyEmailMail(user, authLinks.verifyEmail(token)))
  }

  /**
   * Marks the address verified. Returns the user, or null when the link is unknown, expired or
   * already used.
   */
  static async verify(token: string) {
    const record = await UserTokenService.consume(token, 'email_verification')
    if (!record) {
      return null
    }
    const user = await User.findOrFail(record.userId)
    if (!user.emailVerifiedAt) {
      user.emailVerifiedAt = DateTime.utc()
      await user.save()
    }
    return user
  }
}
