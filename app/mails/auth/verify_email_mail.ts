import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

export default class VerifyEmailMail extends BaseMail {
  subject = 'Confirm your email address'

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
      .htmlView('mails/auth/verify_email_html', data)
      .textView('mails/auth/verify_email_text', data)
  }
}
