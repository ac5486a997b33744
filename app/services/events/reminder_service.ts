import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import EventReminder from '#models/event_reminder'
import EventMail from '#mails/events/event_mail'
import SendEventReminder from '#jobs/events/send_event_reminder'
import { sqlTime } from '#services/database/sql_time'
import { affectedRows } from '#services/database/affected_rows'

// A claimed reminder whose job never reported back is handed out again after this long.
const RECLAIM_AFTER_MINUTES = 30

/**
 * Reminders, exactly once per attendee and start time. The scheduled run first records every
 * due reminder (a unique key on registration, kind and start time makes a second run, or a
 * second scheduler, a no-op), then dispatches those not sent yet. The job claims its row
 * (`sent_at` set only where still null) before mailing and releases it if the mail fails, so a
 * crash between recording and dispatching is picked up by the next run without duplicates.
 * A moved event has a new start time, so it gets a new reminder; the old one is skipped.
 */
export default class ReminderService {
  static async recordDue(now = DateTime.utc()) {
    const nowSql = sqlTime(now)
    const client = db.connection()
    const dialect = client.dialect.name
    // The reminder falls `reminder_minutes` before the start; compared in SQL per event.
    const dueCondition =
      dialect === 'postgres'
        ? `events.starts_at - (events.reminder_minutes * interval '1 minute') <= ?`
        : `datetime(events.starts_at, '-' || events.reminder_minutes || ' minutes') <= datetime(?)`
    const due = await client
      .from('event_registrations')
      .join('events', 'events.id', 'event_registrations.event_id')
      .where('event_registrations.status', 'registered')
      .where('events.status', 'published')
      .where('events.starts_at', '>', nowSql)
      .whereRaw(dueCondition, [nowSql])
      .select('event_registrations.id as registration_id', 'events.starts_at as starts_at')
    if (due.length === 0) return 0
    const rows = due.map((row) => ({
      registration_id: row.registration_id,
      kind: 'reminder',
      starts_at: row.starts_at,
      created_at: nowSql,
    }))
    for (let index = 0; index < rows.length; index += 500) {
      await client
        .table('event_reminders')
        .insert(rows.slice(index, index + 500))
        .onConflict(['registration_id', 'kind', 'starts_at'])
        .ignore()
    }
    return rows.length
  }

  static async dispatchPending(now = DateTime.utc()) {
    const reclaimBefore = sqlTime(now.minus({ minutes: RECLAIM_AFTER_MINUTES }))
    const pending = await EventReminder.query()
      .whereNull('sent_at')
      // A reminder still unsent when its event starts (a long mail outage) is dropped.
      .where('starts_at', '>', sqlTime(now))
      .where((query) => {
        query.whereNull('dispatched_at').orWhere('dispatched_at', '<', reclaimBefore)
      })
      .orderBy('id', 'asc')
      .limit(5000)
      .select('id')
    if (pending.length === 0) return 0
    await EventReminder.query()
      .whereIn(
        'id',
        pending.map((row) => row.id)
      )
      .update({ dispatched_at: sqlTime(now) })
    await SendEventReminder.dispatchMany(pending.map((row) => ({ reminderId: row.id })))
    return pending.length
  }

  static async run(now = DateTime.utc()) {
    await ReminderService.recordDue(now)
    return ReminderService.dispatchPending(now)
  }

  static async send(reminderId: number) {
    const claimed = await EventReminder.query()
      .where('id', reminderId)
      .whereNull('sent_at')
      .update({ sent_at: sqlTime(DateTime.utc()) })
    if (affectedRows(claimed) === 0) return false

    const reminder = await EventReminder.query()
      .where('id', reminderId)
      .preload('registration', (query) => query.preload('event').preload('user'))
      .firstOrFail()
    const { registration } = reminder
    const { event, user } = registration
    const stillDue =
      registration.status === 'registered' &&
      event.status === 'published' &&
      event.startsAt.toMillis() === reminder.startsAt.toMillis() &&
      event.startsAt > DateTime.utc() &&
      user.canSignIn
    if (!stillDue) return false
    try {
      await mail.send(new EventMail(user, event, 'reminder'))
    } catch (error) {
      await EventReminder.query().where('id', reminderId).update({ sent_at: null })
      throw error
    }
    return true
  }
}
