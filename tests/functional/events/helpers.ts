import { DateTime } from 'luxon'
import ICAL from 'ical.js'
import type User from '#models/user'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import { newTicketCode } from '#services/events/registration_service'
import { renderMarkdown } from '#services/content/rich_text'

let sequence = 0

/**
 * A published public event a week from now, unless told otherwise.
 */
export async function makeEvent(overrides: Partial<Event['$attributes']> = {}) {
  sequence++
  const startsAt =
    (overrides.startsAt as DateTime | undefined) ?? DateTime.utc().plus({ days: 7 }).startOf('hour')
  const description = `Details of event ${sequence}.`
  return Event.create({
    title: `Event number ${sequence}`,
    descriptionSource: description,
    descriptionHtml: renderMarkdown(description),
    category: 'Meetup',
    timezone: 'Europe/Amsterdam',
    locationAddress: 'Main Hall, Keizersgracht 1, Amsterdam',
    visibility: 'public',
    status: 'published',
    eligibility: 'signed_in',
    capacity: null,
    seatsTaken: 0,
    maxGuests: 0,
    reminderMinutes: 1440,
    sequence: 0,
    ...overrides,
    startsAt,
    endsAt: (overrides.endsAt as DateTime | undefined) ?? startsAt.plus({ hours: 2 }),
  })
}

/**
 * A registration written straight to the table (and its seats counted), for tests about
 * what happens after registering.
 */
export async function seat(
  event: Event,
  user: User,
  status: 'registered' | 'waitlisted' | 'pending' = 'registered',
  guests = 0
) {
  const registration = await EventRegistration.create({
    eventId: event.id,
    userId: user.id,
    status,
    guests,
    answers: {},
    ticketCode: newTicketCode(),
    waitlistedAt:
      status === 'waitlisted' ? DateTime.utc().plus({ milliseconds: sequence++ }) : null,
  })
  if (status === 'registered') {
    event.seatsTaken += 1 + guests
    await event.save()
  }
  return registration
}

export function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text))
  return {
    component,
    events: component.getAllSubcomponents('vevent'),
  }
}

export function icsAttachment(mail: {
  attachments: Array<{
    filename?: string | null
    mimeType: string
    content: ArrayBuffer | Uint8Array | string
  }>
}) {
  const attachment = mail.attachments.find((item) => item.filename === 'event.ics')
  if (!attachment) throw new Error('No event.ics attached')
  const content = attachment.content
  return typeof content === 'string'
    ? content
    : Buffer.from(content as ArrayBuffer).toString('utf8')
}

/**
 * A random address from TEST-NET-3 and friends, so the per-IP limits (kept in Redis between
 * runs) never add up across tests.
 */
export function uniqueIp() {
  const byte = () => Math.floor(Math.random() * 254) + 1
  return `10.${byte()}.${byte()}.${byte()}`
}

/**
 * The status code of a request, for tables of who may reach what.
 */
export async function statusOf(request: PromiseLike<{ status(): number }>) {
  const response = await request
  return response.status()
}

/**
 * The body of a response as text (calendars, CSV).
 */
export async function textOf(request: PromiseLike<{ text(): string }>) {
  const response = await request
  return response.text()
}
