import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Sent to the new address: following the link proves the member can read it.
 */
export default class ConfirmEmailChangeMail extends BaseMail {
  subject = 'Confirm your new email address'

  constructor(
    private user: User,
    private newEmail: string,
    private url: string
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.name, newEmail: this.newEmail, url: this.url }
    this.message
      .to(this.newEmail)
      .htmlView('mails/account/confirm_email_change_html', data)
      .textView('mails/account/confirm_email_change_text', data)
  }
}
