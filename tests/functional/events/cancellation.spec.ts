import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { UserFactory } from '#database/factories/user_factory'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import {
  icsAttachment,
  makeEvent,
  parseCalendar,
  seat,
  uniqueIp,
} from '#tests/functional/events/helpers'

test.group('Events / cancellation and change notices', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('cancelling asks for a message, tells registrants and the waitlist, keeps the record', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ capacity: 1 })
    const registered = await UserFactory.create()
    const waiting = await UserFactory.create()
    const gone = await UserFactory.create()
    await seat(event, registered)
    await seat(event, waiting, 'waitlisted')
    const goneRow = await seat(event, gone, 'waitlisted')
    goneRow.status = 'cancelled'
    await goneRow.save()

    const empty = await client
      .post(`/events/${event.id}/cancel`)
      .form({ message: '' })
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    empty.assertStatus(302)
    assert.property(empty.flashMessages().inputErrorsBag, 'message')
    await event.refresh()
    assert.equal(event.status, 'published')

    await client
      .post(`/events/${event.id}/cancel`)
      .form({ message: 'The hall flooded.' })
      .loginAs(board)
      .withCsrfToken()
    for (const user of [registered, waiting]) {
      const mail = await smtpSink.waitFor(
        user.email,
        (item) => item.subject?.startsWith('Cancelled:') ?? false
      )
      assert.include(mail.text!, 'The hall flooded.')
      const [item] = parseCalendar(icsAttachment(mail as any)).events
      assert.equal(item.getFirstPropertyValue('status'), 'CANCELLED')
    }
    assert.lengthOf(
      smtpSink.to(gone.email).filter((mail) => mail.subject?.startsWith('Cancelled:')),
      0
    )

    const kept = await Event.findOrFail(event.id)
    assert.equal(kept.status, 'cancelled')
    assert.lengthOf(await EventRegistration.query().where('event_id', event.id), 3)
    const page = await client.get(`/events/${event.id}`)
    page.assertTextIncludes('This event has been cancelled.')
    page.assertTextIncludes('The hall flooded.')
    const list = await client.get('/events')
    list.assertTextIncludes('Cancelled')
    assert.isNotNull(await AuditLog.query().where('action', 'event.cancelled').first())

    // Registration is closed, but people can still take themselves off.
    const late = await client
      .post(`/events/${event.id}/registration`)
      .header('X-Forwarded-For', uniqueIp())
      .form({})
      .loginAs(await UserFactory.create())
      .withCsrfToken()
      .redirects(0)
    late.assertFlashMessage('error', 'This event has been cancelled.')
  })

  test('changing the date, time or place notifies those registered; a new title does not', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ title: 'Quiz night', visibility: 'public' })
    const registered = await UserFactory.create()
    await seat(event, registered)
    const base = {
      title: 'Quiz night',
      startsAt: event.startsAt.setZone('Europe/Amsterdam').toFormat("yyyy-MM-dd'T'HH:mm"),
      endsAt: event.endsAt.setZone('Europe/Amsterdam').toFormat("yyyy-MM-dd'T'HH:mm"),
      timezone: 'Europe/Amsterdam',
      locationAddress: 'Main Hall, Keizersgracht 1, Amsterdam',
      visibility: 'public',
      eligibility: 'signed_in',
      status: 'published',
    }
    await client
      .put(`/events/${event.id}`)
      .form({ ...base, title: 'Quiz night!' })
      .loginAs(board)
      .withCsrfToken()
    await client
      .put(`/events/${event.id}`)
      .form({ ...base, title: 'Quiz night!', locationAddress: 'The Pub' })
      .loginAs(board)
      .withCsrfToken()
    const mail = await smtpSink.waitFor(
      registered.email,
      (item) => item.subject?.startsWith('Changed:') ?? false
    )
    assert.include(mail.text!, 'The Pub')
    assert.lengthOf(
      smtpSink.to(registered.email).filter((item) => item.subject?.startsWith('Changed:')),
      1
    )
  })

  test('a cancelled event can no longer be edited, so it stays cancelled', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent()
    await client
      .post(`/events/${event.id}/cancel`)
      .form({ message: 'Venue flooded.' })
      .loginAs(board)
      .withCsrfToken()
    const page = await client.get(`/events/${event.id}`).loginAs(board)
    page.assertStatus(200)
    assert.notInclude(page.text(), `/events/${event.id}/edit`)
    const form = await client.get(`/events/${event.id}/edit`).loginAs(board)
    form.assertStatus(403)

    const saved = await client
      .put(`/events/${event.id}`)
      .form({
        title: 'Back on',
        startsAt: event.startsAt.setZone(event.timezone).toFormat("yyyy-MM-dd'T'HH:mm"),
        endsAt: event.endsAt.setZone(event.timezone).toFormat("yyyy-MM-dd'T'HH:mm"),
        timezone: event.timezone,
        visibility: 'public',
        eligibility: 'signed_in',
        status: 'draft',
      })
      .loginAs(board)
      .withCsrfToken()
    saved.assertStatus(403)
    await event.refresh()
    assert.equal(event.status, 'cancelled')
    assert.notEqual(event.title, 'Back on')
  })

  test('raising the capacity promotes the waitlist in order and emails them', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ capacity: 1 })
    const holder = await UserFactory.create()
    const first = await UserFactory.create()
    const second = await UserFactory.create()
    await seat(event, holder)
    const firstRow = await seat(event, first, 'waitlisted')
    const secondRow = await seat(event, second, 'waitlisted')
    await client
      .put(`/events/${event.id}`)
      .form({
        title: event.title,
        startsAt: event.startsAt.setZone(event.timezone).toFormat("yyyy-MM-dd'T'HH:mm"),
        endsAt: event.endsAt.setZone(event.timezone).toFormat("yyyy-MM-dd'T'HH:mm"),
        timezone: event.timezone,
        locationAddress: event.locationAddress!,
        visibility: 'public',
        eligibility: 'signed_in',
        status: 'published',
        capacity: '2',
      })
      .loginAs(board)
      .withCsrfToken()
    await firstRow.refresh()
    await secondRow.refresh()
    assert.equal(firstRow.status, 'registered')
    assert.equal(secondRow.status, 'waitlisted')
    await smtpSink.waitFor(
      first.email,
      (mail) => mail.subject?.startsWith('A seat freed up') ?? false
    )
    const page = await client.get(`/events/${event.id}`).loginAs(second)
    page.assertTextIncludes('number 1 in line')
    page.assertTextIncludes('2 of 2')
  })
})
