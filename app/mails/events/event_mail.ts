import { BaseMail } from '@adonisjs/mail'
import { DateTime } from 'luxon'
import type Event from '#models/event'
import type User from '#models/user'
import CalendarService from '#services/events/calendar_service'
import { eventLinks } from '#services/events/event_links'

export const EVENT_MAIL_KINDS = [
  'confirmed',
  'promoted',
  'reminder',
  'cancelled',
  'changed',
] as const
export type EventMailKind = (typeof EVENT_MAIL_KINDS)[number]

const SUBJECTS: Record<EventMailKind, string> = {
  confirmed: 'You are registered',
  promoted: 'A seat freed up: you are registered',
  reminder: 'Reminder',
  cancelled: 'Cancelled',
  changed: 'Changed',
}

/**
 * Every mail about an event to one person, with the event attached as an .ics file so the
 * calendar entry is added, moved or cancelled by the mail client. Sent from a queue job (never
 * queued itself), so the attachment is built when the mail goes out and reflects the event then.
 */
export default class EventMail extends BaseMail {
  constructor(
    private user: User,
    private event: Event,
    private kind: EventMailKind
  ) {
    super()
    this.subject = `${SUBJECTS[kind]}: ${event.title}`
  }

  prepare() {
    const zone = this.user.timezone || this.event.timezone
    const data = {
      name: this.user.name,
      kind: this.kind,
      title: this.event.title,
      when: this.event.startsAt
        .setZone(zone)
        .toLocaleString(DateTime.DATETIME_FULL, { locale: 'en-GB' }),
      eventZone: this.event.timezone,
      where: [this.event.locationAddress, this.event.onlineUrl].filter(Boolean).join(' · '),
      cancellationMessage: this.event.cancellationMessage ?? '',
      eventUrl: eventLinks.show(this.event.id),
      ticketUrl: eventLinks.ticket(this.event.id),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/events/event_html', data)
      .textView('mails/events/event_text', data)
      .attachData(Buffer.from(CalendarService.render([this.event], this.event.title)), {
        filename: 'event.ics',
        contentType: 'text/calendar; charset=utf-8',
      })
  }
}
