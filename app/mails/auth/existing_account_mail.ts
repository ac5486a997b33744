import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Sent instead of a confirmation link when someone registers with an address that already has
 * an account, so the sign-up page itself never tells whether an address is known.
 */
export default class ExistingAccountMail extends BaseMail {
  subject = 'Someone tried to create an account with your address'

  constructor(
    private user: User,
    private urls: { login: string; forgotPassword: string }
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.fullName, ...this.urls }
    this.message
      .to(this.user.email)
      .htmlView('mails/auth/existing_account_html', data)
      .textView('mails/auth/existing_account_text', data)
  }
}
