import ical, { ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { tzlib_get_ical_block as icalTimezoneBlock } from 'timezones-ical-library'
import { association } from '#config/app'
import type Event from '#models/event'
import { toPlainText } from '#services/content/rich_text'
import { eventLinks } from '#services/events/event_links'

/**
 * iCalendar output for downloads, feeds and mail attachments. The UID depends only on the event
 * id and the site's host, so calendar apps update the entry they already have; SEQUENCE is the
 * event's `sequence` column, bumped when the date, place or status changes. Times carry the
 * event's own TZID, so a meeting at 19:00 in Amsterdam stays at 19:00 across daylight saving,
 * and the calendar defines each zone it names (VTIMEZONE), as RFC 5545 asks: clients that do
 * not know the zone by name read its rules there.
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
      timezone: { name: null, generator: vtimezone },
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

/**
 * The VTIMEZONE block of `zone`, under that very name: the zone library answers a zone that is
 * an alias (Europe/Amsterdam) with the rules of the zone it points to (Europe/Brussels), and the
 * block's TZID must match the one the event's times carry.
 */
function vtimezone(zone: string) {
  const [block] = icalTimezoneBlock(zone)
  if (!block?.includes('BEGIN:VTIMEZONE')) return null
  return block
    .replace(/^TZID:.*$/m, `TZID:${zone}`)
    .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`)
}
