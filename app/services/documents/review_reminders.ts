import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Document from '#models/document'
import ReviewDueMail from '#mails/documents/review_due_mail'
import { LibraryAccess } from '#services/documents/library_access'
import { appUrl } from '#config/app'
import { affectedRows } from '#services/database/affected_rows'

/**
 * Reminds owners of documents whose review date has come. Each due date is reminded once:
 * the document is marked before the mail is queued, by a conditional update that only one
 * worker can win, so a rerun or a second worker sends nothing twice.
 */
export default class ReviewReminders {
  static async sendDue(today: DateTime = DateTime.utc()) {
    const day = today.toISODate()!
    const due = await Document.query()
      .whereNotNull('owner_id')
      .whereNotNull('review_on')
      .where('review_on', '<=', day)
      .where((query) => {
        query.whereNull('review_reminded_on').orWhereRaw('review_reminded_on < review_on')
      })
      .preload('owner')
      .orderBy('id')
      .limit(500)

    let sent = 0
    for (const document of due) {
      const claimed = await Document.query()
        .where('id', document.id)
        .where((query) => {
          query.whereNull('review_reminded_on').orWhereRaw('review_reminded_on < review_on')
        })
        .update({ review_reminded_on: document.reviewOn!.toISODate() })
      if (!affectedRows(claimed)) continue

      const owner = document.owner
      // An owner who left, or lost access since, is not told about the document.
      if (!owner || !owner.canSignIn) continue
      const access = await LibraryAccess.for(owner)
      if (!access.canReadDocument(document)) continue
      const url = urlFor('documents.show', { id: document.id }, { prefixUrl: appUrl })
      await mail.sendLater(new ReviewDueMail(owner, document, url))
      sent++
    }
    return sent
  }
}
