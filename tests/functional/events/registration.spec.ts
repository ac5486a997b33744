import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import CalendarService from '#services/events/calendar_service'
import EventRegistration from '#models/event_registration'
import RegistrationService from '#services/events/registration_service'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import {
  icsAttachment,
  makeEvent,
  parseCalendar,
  seat,
  uniqueIp,
} from '#tests/functional/events/helpers'

test.group('Events / registration', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('a member registers, sees "1 of 10" and gets a confirmation with the event as .ics', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent({ capacity: 10 })
    const member = await UserFactory.create()
    const response = await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const page = await client.get(`/events/${event.id}`).loginAs(member)
    page.assertTextIncludes('1 of 10')
    page.assertTextIncludes('You are registered')

    const mail = await smtpSink.waitFor(
      member.email,
      (item) => item.subject?.startsWith('You are registered') ?? false
    )
    const calendar = parseCalendar(icsAttachment(mail as any))
    assert.lengthOf(calendar.events, 1)
    assert.equal(calendar.events[0].getFirstPropertyValue('uid'), CalendarService.uid(event))
    assert.equal(calendar.events[0].getFirstPropertyValue('summary'), event.title)
  })

  test('a full event puts people on the waitlist in order and shows their position', async ({
    client,
  }) => {
    const event = await makeEvent({ capacity: 1 })
    const first = await UserFactory.create()
    const second = await UserFactory.create()
    const third = await UserFactory.create()
    await seat(event, first)
    for (const user of [second, third]) {
      await client
        .post(`/events/${event.id}/registration`)
        .header('X-Forwarded-For', uniqueIp())
        .form({})
        .loginAs(user)
        .withCsrfToken()
    }
    const page = await client.get(`/events/${event.id}`).loginAs(third)
    page.assertTextIncludes('number 2 in line')
    page.assertTextIncludes('1 of 1')
  })

  test('a freed seat goes to the first waitlisted person who fits, who is emailed', async ({
    assert,
  }) => {
    const event = await makeEvent({ capacity: 2, maxGuests: 2 })
    const holder = await UserFactory.create()
    const party = await UserFactory.create()
    const single = await UserFactory.create()
    const later = await UserFactory.create()
    const held = await seat(event, holder, 'registered', 1)
    const partyRow = await RegistrationService.register(event, party, { guests: 2 })
    const singleRow = await RegistrationService.register(event, single)
    const laterRow = await RegistrationService.register(event, later)
    assert.deepEqual(
      [partyRow.status, singleRow.status, laterRow.status],
      ['waitlisted', 'waitlisted', 'waitlisted']
    )

    await RegistrationService.cancel(held)
    await partyRow.refresh()
    await singleRow.refresh()
    await laterRow.refresh()
    await event.refresh()
    // Two seats freed: the party of three does not fit, so the next two singles get them.
    assert.equal(partyRow.status, 'waitlisted')
    assert.equal(singleRow.status, 'registered')
    assert.equal(laterRow.status, 'registered')
    assert.equal(event.seatsTaken, 2)
    await smtpSink.waitFor(
      single.email,
      (mail) => mail.subject?.startsWith('A seat freed up') ?? false
    )
  })

  test('a registered person can always cancel, even when full and past the deadline', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent({
      capacity: 1,
      registrationDeadline: DateTime.utc().minus({ hours: 1 }),
    })
    const member = await UserFactory.create()
    await seat(event, member)
    await client
      .delete(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .loginAs(member)
      .withCsrfToken()
    const row = await EventRegistration.findByOrFail('userId', member.id)
    assert.equal(row.status, 'cancelled')
    await event.refresh()
    assert.equal(event.seatsTaken, 0)
  })

  test('registration closes at the deadline, when cancelled and once started', async ({
    client,
    assert,
  }) => {
    const member = await UserFactory.create()
    const pastDeadline = await makeEvent({
      registrationDeadline: DateTime.utc().minus({ minutes: 1 }),
    })
    const cancelled = await makeEvent({ status: 'cancelled' })
    const started = await makeEvent({ startsAt: DateTime.utc().minus({ minutes: 10 }) })
    for (const [event, message] of [
      [pastDeadline, 'Registration closed at the deadline.'],
      [cancelled, 'This event has been cancelled.'],
      [started, 'This event has already started.'],
    ] as const) {
      const response = await client
        .post(`/events/${event.id}/registration`)
        .header('X-Forwarded-For', uniqueIp())
        .form({})
        .loginAs(member)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
      response.assertFlashMessage('error', message)
      assert.isNull(await EventRegistration.query().where('event_id', event.id).first())
    }
  })

  test('guests count against capacity and are limited per event', async ({ client, assert }) => {
    const event = await makeEvent({ capacity: 3, maxGuests: 1 })
    const member = await UserFactory.create()
    const tooMany = await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({ guests: '2' })
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    tooMany.assertFlashMessage('error', 'You can bring at most 1 guest.')
    await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({ guests: '1' })
      .loginAs(member)
      .withCsrfToken()
    await event.refresh()
    assert.equal(event.seatsTaken, 2)
  })

  test('required questions must be answered; answers are kept', async ({ client, assert }) => {
    const event = await makeEvent()
    const question = await event
      .related('questions')
      .create({ label: 'Dietary needs', required: true, position: 0 })
    const member = await UserFactory.create()
    const missing = await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    missing.assertFlashMessage('error', 'Please answer: Dietary needs')
    await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({ [`answers[q${question.id}]`]: 'Vegetarian' })
      .loginAs(member)
      .withCsrfToken()
    const row = await EventRegistration.findByOrFail('userId', member.id)
    assert.equal(row.status, 'registered')
    assert.deepEqual(row.answers, { [String(question.id)]: 'Vegetarian' })
  })

  test('members-only eligibility refuses signed-in non-members', async ({ client, assert }) => {
    const event = await makeEvent({ eligibility: 'members' })
    const outsider = await UserFactory.apply('nonMember').create()
    const response = await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(outsider)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('error', 'This event is open to members in good standing only.')
    assert.isNull(await EventRegistration.findBy('userId', outsider.id))
  })

  test('approval events queue requests; the organiser approves or declines', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ eligibility: 'approval', capacity: 5, organiserId: board.id })
    const asker = await UserFactory.apply('nonMember').create()
    const other = await UserFactory.create()
    await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(asker)
      .withCsrfToken()
    await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(other)
      .withCsrfToken()
    const askerRow = await EventRegistration.findByOrFail('userId', asker.id)
    const otherRow = await EventRegistration.findByOrFail('userId', other.id)
    assert.equal(askerRow.status, 'pending')
    await event.refresh()
    assert.equal(event.seatsTaken, 0, 'a request holds no seat')

    // A member who is not the organiser cannot approve.
    const denied = await client
      .post(`/events/${event.id}/requests/${askerRow.id}/approve`)
      .loginAs(other)
      .withCsrfToken()
    denied.assertStatus(404)

    await client
      .post(`/events/${event.id}/requests/${askerRow.id}/approve`)
      .loginAs(board)
      .withCsrfToken()
    await client
      .post(`/events/${event.id}/requests/${otherRow.id}/decline`)
      .loginAs(board)
      .withCsrfToken()
    await askerRow.refresh()
    await otherRow.refresh()
    assert.equal(askerRow.status, 'registered')
    assert.equal(otherRow.status, 'declined')
    await smtpSink.waitFor(
      asker.email,
      (mail) => mail.subject?.startsWith('You are registered') ?? false
    )
  })

  test('the registration rate limit stops scripted abuse', async ({ client }) => {
    const member = await UserFactory.create()
    const event = await makeEvent()
    let last
    for (let attempt = 0; attempt < 21; attempt++) {
      last = await client
        .post(`/events/${event.id}/registration`)
        .header('X-Forwarded-For', uniqueIp())
        .form({})
        .loginAs(member)
        .withCsrfToken()
        .redirects(0)
    }
    last!.assertStatus(429)
  })

  test('visitors must sign in to register', async ({ client }) => {
    const event = await makeEvent()
    const response = await client
      .post(`/events/${event.id}/registration`)
      .form({})
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
