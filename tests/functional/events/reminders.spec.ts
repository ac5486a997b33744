import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import EventReminder from '#models/event_reminder'
import ReminderService from '#services/events/reminder_service'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { icsAttachment, makeEvent, parseCalendar, seat } from '#tests/functional/events/helpers'

function remindersTo(address: string) {
  return smtpSink.to(address).filter((mail) => mail.subject?.startsWith('Reminder:'))
}

test.group('Events / reminders', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('each attendee gets the reminder once, however often the scheduler runs', async ({
    assert,
  }) => {
    const event = await makeEvent({ startsAt: DateTime.utc().plus({ hours: 20 }) })
    const later = await makeEvent({ startsAt: DateTime.utc().plus({ hours: 30 }) })
    const attendees = await UserFactory.createMany(3)
    for (const user of attendees) await seat(event, user)
    const waiting = await UserFactory.create()
    await seat(event, waiting, 'waitlisted')
    const notYet = await UserFactory.create()
    await seat(later, notYet)

    await ReminderService.run()
    await ReminderService.run()
    for (const user of attendees) {
      await smtpSink.waitFor(user.email, (mail) => mail.subject?.startsWith('Reminder:') ?? false)
    }
    await ReminderService.run()
    for (const user of attendees) {
      assert.lengthOf(remindersTo(user.email), 1, user.email)
      const [events] = [parseCalendar(icsAttachment(remindersTo(user.email)[0] as any)).events]
      assert.equal(events[0].getFirstPropertyValue('summary'), event.title)
    }
    assert.lengthOf(remindersTo(waiting.email), 0, 'the waitlist is not reminded')
    assert.lengthOf(remindersTo(notYet.email), 0, 'an event 30 h away is not due at 24 h')
  })

  test('a per-event reminder time overrides the default', async ({ assert }) => {
    const event = await makeEvent({
      startsAt: DateTime.utc().plus({ hours: 30 }),
      reminderMinutes: 48 * 60,
    })
    const user = await UserFactory.create()
    await seat(event, user)
    await ReminderService.run()
    await smtpSink.waitFor(user.email, (mail) => mail.subject?.startsWith('Reminder:') ?? false)
    assert.lengthOf(remindersTo(user.email), 1)
  })

  test('a crash after recording, or while sending, resumes without duplicates', async ({
    assert,
  }) => {
    const event = await makeEvent({ startsAt: DateTime.utc().plus({ hours: 2 }) })
    const users = await UserFactory.createMany(4)
    for (const user of users) await seat(event, user)

    // The worker died after recording the batch, before dispatching anything.
    await ReminderService.recordDue()
    assert.lengthOf(await EventReminder.query().whereNull('sent_at'), 4)

    // One mail job ran, then the worker died (its job was claimed and sent).
    const first = await EventReminder.query().orderBy('id', 'asc').firstOrFail()
    await ReminderService.send(first.id)
    // A duplicate delivery of the same job is a no-op.
    await ReminderService.send(first.id)

    // The next scheduled run picks up the rest; another one finds nothing to do.
    await ReminderService.run()
    await ReminderService.run()
    for (const user of users) {
      await smtpSink.waitFor(user.email, (mail) => mail.subject?.startsWith('Reminder:') ?? false)
    }
    for (const user of users) assert.lengthOf(remindersTo(user.email), 1, user.email)
    assert.lengthOf(await EventReminder.query().whereNull('sent_at'), 0)
  })

  test('a reminder still unsent when the event starts is dropped, not sent late', async ({
    assert,
  }) => {
    const event = await makeEvent({ startsAt: DateTime.utc().plus({ hours: 2 }) })
    const user = await UserFactory.create()
    await seat(event, user)
    await ReminderService.recordDue()
    // The mail server was down until after the start: nothing goes out any more.
    const afterStart = DateTime.utc().plus({ hours: 2, minutes: 5 })
    assert.equal(await ReminderService.dispatchPending(afterStart), 0)
    assert.lengthOf(remindersTo(user.email), 0)
    assert.lengthOf(await EventReminder.query().whereNotNull('dispatched_at'), 0)
  })

  test('when the event moves, the reminder follows the new start time', async ({ assert }) => {
    const event = await makeEvent({ startsAt: DateTime.utc().plus({ hours: 10 }) })
    const user = await UserFactory.create()
    await seat(event, user)

    await ReminderService.recordDue()
    // Moved three days later before the reminder went out: the old one must not be sent.
    event.startsAt = DateTime.utc().plus({ days: 3 })
    event.endsAt = event.startsAt.plus({ hours: 2 })
    await event.save()
    await ReminderService.run()
    assert.lengthOf(remindersTo(user.email), 0)

    // When the new time comes close, it is sent once for the new time.
    const twoDaysLater = DateTime.utc().plus({ days: 2, hours: 1 })
    await ReminderService.run(twoDaysLater)
    await ReminderService.run(twoDaysLater)
    await smtpSink.waitFor(user.email, (mail) => mail.subject?.startsWith('Reminder:') ?? false)
    assert.lengthOf(remindersTo(user.email), 1)
    const rows = await EventReminder.query().orderBy('id', 'asc')
    assert.lengthOf(rows, 2)
    await event.refresh()
    assert.equal(rows[1].startsAt.toMillis(), event.startsAt.toMillis())
  })
})
