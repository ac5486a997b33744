import { Job } from '@adonisjs/queue'
import EventRegistration from '#models/event_registration'
import SendEventMail from '#jobs/events/send_event_mail'

const NOTIFY_BATCH = 500

export interface NotifyRegistrantsPayload {
  eventId: number
  kind: 'cancelled' | 'changed'
  afterId: number
}

/**
 * One page of a cancellation or change notice: queues one mail job per person in a single
 * batch, then queues itself for the next page, so a large event never holds a request or worker.
 * A cancellation reaches the waitlist and pending requests too; a change only those registered.
 */
export default class NotifyRegistrants extends Job<NotifyRegistrantsPayload> {
  async execute() {
    const statuses =
      this.payload.kind === 'cancelled' ? ['registered', 'waitlisted', 'pending'] : ['registered']
    const rows = await EventRegistration.query()
      .where('event_id', this.payload.eventId)
      .whereIn('status', statuses)
      .where('id', '>', this.payload.afterId)
      .orderBy('id', 'asc')
      .limit(NOTIFY_BATCH)
      .select('id')
    if (rows.length === 0) return
    await SendEventMail.dispatchMany(
      rows.map((row) => ({ registrationId: row.id, kind: this.payload.kind }))
    )
    if (rows.length === NOTIFY_BATCH) {
      await NotifyRegistrants.dispatch({ ...this.payload, afterId: rows[rows.length - 1].id })
    }
  }
}
