import { Job } from '@adonisjs/queue'
import mail from '@adonisjs/mail/services/main'
import type { JobOptions } from '@adonisjs/queue/types'
import EventRegistration from '#models/event_registration'
import EventMail, { type EventMailKind } from '#mails/events/event_mail'

export interface SendEventMailPayload {
  registrationId: number
  kind: Exclude<EventMailKind, 'reminder'>
}

/**
 * One mail about an event to one registrant. Checked again at send time: a confirmation is not
 * sent to someone who cancelled meanwhile.
 */
export default class SendEventMail extends Job<SendEventMailPayload> {
  static options: JobOptions = { maxRetries: 8 }

  async execute() {
    const registration = await EventRegistration.query()
      .where('id', this.payload.registrationId)
      .preload('event')
      .preload('user')
      .first()
    if (!registration) return
    const { user, event } = registration
    if (!user.canSignIn) return
    const stillRelevant =
      this.payload.kind === 'cancelled'
        ? ['registered', 'waitlisted', 'pending'].includes(registration.status)
        : registration.status === 'registered'
    if (!stillRelevant) return
    await mail.send(new EventMail(user, event, this.payload.kind))
  }
}
