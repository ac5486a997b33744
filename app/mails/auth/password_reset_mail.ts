import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

export default class PasswordResetMail extends BaseMail {
  subject = 'Reset your password'

  constructor(
    private user: User,
    private url: string
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.fullName, url: this.url }
    this.message
      .to(this.user.email)
      .htmlView('mails/auth/password_reset_html', data)
      .textView('mails/auth/password_reset_text', data)
  }
}
