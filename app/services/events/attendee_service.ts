import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import type Event from '#models/event'
import EventRegistration from '#models/event_registration'
import AuditLogService from '#services/audit/audit_log_service'

/**
 * The organiser's side: who comes, who waits, who asked, the CSV export and check-in at the door.
 */
export default class AttendeeService {
  static list(event: Event, search = '') {
    const query = EventRegistration.query()
      .where('event_id', event.id)
      .whereIn('status', ['registered', 'waitlisted', 'pending'])
      .preload('user')
      .orderByRaw(
        `case status when 'registered' then 0 when 'pending' then 1 else 2 end, waitlisted_at asc, id asc`
      )
    if (search) {
      const term = `%${search.toLowerCase().replace(/[%_\\]/g, '')}%`
      query.whereHas('user', (users) => {
        users
          .whereRaw('lower(full_name) like ?', [term])
          .orWhereRaw('lower(display_name) like ?', [term])
      })
    }
    return query
  }

  static async stats(event: Event) {
    const rows = await EventRegistration.query()
      .where('event_id', event.id)
      .where('status', 'registered')
      .select('guests', 'checked_in_at')
    const registered = rows.length
    const checkedIn = rows.filter((row) => row.checkedInAt !== null).length
    return {
      registered,
      checkedIn,
      attendanceRate: registered ? Math.round((checkedIn / registered) * 100) : null,
    }
  }

  /**
   * A spreadsheet cell that cannot run as a formula: Excel and LibreOffice treat text starting
   * with = + - @ (or a tab or carriage return) as a formula, so such cells get a leading quote.
   */
  static csvCell(value: unknown) {
    let text = value === null || value === undefined ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }

  static async csv(event: Event) {
    await event.load('questions')
    const rows = await AttendeeService.list(event)
    const header = [
      'Name',
      'Email',
      'Status',
      'Guests',
      'Ticket code',
      'Checked in at (UTC)',
      ...event.questions.map((question) => question.label),
    ]
    const lines = [
      header,
      ...rows.map((row) => [
        row.user.name,
        row.user.email,
        row.status,
        row.guests,
        row.ticketCode,
        row.checkedInAt?.toUTC().toISO() ?? '',
        ...event.questions.map((question) => row.answers?.[String(question.id)] ?? ''),
      ]),
    ]
    return lines.map((line) => line.map(AttendeeService.csvCell).join(',')).join('\r\n') + '\r\n'
  }

  /**
   * Checks in a registered person by ticket code or registration id. Returns the registration,
   * or null when nothing matches this event (codes of other events do not work here).
   */
  static async checkIn(
    event: Event,
    by: { code?: string; registrationId?: number },
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const query = EventRegistration.query()
      .where('event_id', event.id)
      .where('status', 'registered')
    if (by.code) query.where('ticket_code', by.code.replace(/[^A-Z0-9]/g, ''))
    else if (by.registrationId) query.where('id', by.registrationId)
    else return null
    const registration = await query.preload('user').first()
    if (!registration) return null
    if (!registration.checkedInAt) {
      registration.checkedInAt = DateTime.utc()
      await registration.save()
      await AuditLogService.record(
        {
          action: 'event.checked_in',
          actor,
          subject: registration.user,
          meta: { eventId: event.id, registrationId: registration.id },
        },
        ctx
      )
    }
    return registration
  }
}
