import { BaseMail } from '@adonisjs/mail'

/** A plain-text message the board sends to selected members from the admin area. */
export default class BoardMessageMail extends BaseMail {
  constructor(
    private recipient: { email: string; name: string },
    subject: string,
    private body: string
  ) {
    super()
    this.subject = subject
  }

  prepare() {
    const data = {
      name: this.recipient.name,
      body: this.body,
      paragraphs: this.body.split(/\n{2,}/),
    }
    this.message
      .to(this.recipient.email)
      .htmlView('mails/members/board_message_html', data)
      .textView('mails/members/board_message_text', data)
  }
}
