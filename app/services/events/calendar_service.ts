import ical, { ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { association } from '#config/app'
import type Event from '#models/event'
import { toPlainText } from '#services/content/rich_text'
import { eventLinks } from '#services/events/event_links'

/**
 * iCalendar output for downloads, feeds and mail attachments. The UID depends only on the event
 * id and the site's host, so calendar apps update the entry they already have; SEQUENCE is the
 * event's `sequence` column, bumped when the date, place or status changes. Times carry the
 * event's own TZID, so a meeting at 19:00 in Amsterdam stays at 19:00 across daylight saving.
 */
export default class CalendarService {
  static uid(event: Pick<Event, 'id'>) {
    return `event-${event.id}@${eventLinks.host()}`
  }

  static render(events: Event[], name: string) {
    const calendar = ical({
      name,
      prodId: { company: association.name, product: 'Guildhall Events', language: 'EN' },
      ttl: 60 * 60,
    })
    for (const event of events) {
      const location = [event.locationAddress, event.onlineUrl].filter(Boolean).join(' · ')
      calendar.createEvent({
        id: CalendarService.uid(event),
        sequence: event.sequence,
        start: event.startsAt.setZone(event.timezone),
        end: event.endsAt.setZone(event.timezone),
        timezone: event.timezone,
        stamp: event.updatedAt ?? event.createdAt,
        lastModified: event.updatedAt ?? event.createdAt,
        summary: event.isCancelled ? `Cancelled: ${event.title}` : event.title,
        description: CalendarService.#description(event),
        location: location || null,
        url: eventLinks.show(event.id),
        status: event.isCancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      })
    }
    return calendar.toString()
  }

  /**
   * The newest change among the events, for Last-Modified (whole seconds, as HTTP dates are).
   */
  static lastModified(events: Event[]) {
    const times = events.map((event) => (event.updatedAt ?? event.createdAt).toMillis())
    const newest = times.length ? Math.max(...times) : 0
    return DateTime.fromMillis(Math.floor(newest / 1000) * 1000, { zone: 'utc' })
  }

  static #description(event: Event) {
    const text = toPlainText(event.descriptionHtml)
    const notice = event.isCancelled
      ? `Cancelled${event.cancellationMessage ? `: ${event.cancellationMessage}` : ''}\n\n`
      : ''
    return `${notice}${text}\n\n${eventLinks.show(event.id)}`.trim()
  }
}
