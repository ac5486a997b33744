import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type Document from '#models/document'

/**
 * Tells the person who looks after a document that its review date has come.
 */
export default class ReviewDueMail extends BaseMail {
  constructor(
    private owner: User,
    private document: Document,
    private documentUrl: string
  ) {
    super()
    this.subject = `Time to review “${document.title}”`
  }

  prepare() {
    const data = {
      name: this.owner.name,
      title: this.document.title,
      reviewOn: this.document.reviewOn?.toISODate(),
      documentUrl: this.documentUrl,
    }
    this.message
      .to(this.owner.email)
      .htmlView('mails/documents/review_due_html', data)
      .textView('mails/documents/review_due_text', data)
  }
}
