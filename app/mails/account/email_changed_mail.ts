import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/**
 * Sent to the previous address once the change is done, so a change the owner did not make is
 * noticed where they still read their mail.
 */
export default class EmailChangedMail extends BaseMail {
  subject = 'The email address of your account was changed'

  constructor(
    private user: User,
    private oldEmail: string
  ) {
    super()
  }

  prepare() {
    const data = { name: this.user.name, newEmail: this.user.email }
    this.message
      .to(this.oldEmail)
      .htmlView('mails/account/email_changed_html', data)
      .textView('mails/account/email_changed_text', data)
  }
}
