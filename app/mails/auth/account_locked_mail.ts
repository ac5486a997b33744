import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Tells the owner that repeated wrong passwords locked their account for a while.
 */
export default class AccountLockedMail extends BaseMail {
  subject = 'Your account was locked after failed sign-in attempts'

  constructor(
    private user: User,
    private details: { minutes: number; forgotPasswordUrl: string }
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.fullName, ...this.details }
    this.message
      .to(this.user.email)
      .htmlView('mails/auth/account_locked_html', data)
      .textView('mails/auth/account_locked_text', data)
  }
}
