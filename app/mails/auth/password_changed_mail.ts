import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Tells the owner their password changed, so a change they did not make does not go unnoticed.
 */
export default class PasswordChangedMail extends BaseMail {
  subject = 'Your password was changed'

  constructor(
    private user: User,
    private forgotPasswordUrl: string
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.fullName, forgotPasswordUrl: this.forgotPasswordUrl }
    this.message
      .to(this.user.email)
      .htmlView('mails/auth/password_changed_html', data)
      .textView('mails/auth/password_changed_text', data)
  }
}
