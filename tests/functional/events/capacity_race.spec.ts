import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import RegistrationService from '#services/events/registration_service'
import { UserFactory } from '#database/factories/user_factory'
import { smtpSink } from '#tests/helpers/mail'
import { makeEvent, seat, uniqueIp } from '#tests/functional/events/helpers'

/*
 * Runs outside the per-test transaction on purpose: the point is that separate connections
 * (on PostgreSQL) race for the same seats. Everything it creates is removed afterwards.
 */
test.group('Events / capacity under concurrency', (group) => {
  let userIds: number[] = []
  let eventId: number | null = null

  group.each.setup(() => {
    const fake = mail.fake()
    return async () => {
      mail.restore()
      void fake
      if (eventId) await Event.query().where('id', eventId).delete()
      if (userIds.length) await User.query().whereIn('id', userIds).delete()
      userIds = []
      eventId = null
    }
  })

  test('200 simultaneous registrations for the last 50 seats: exactly 50 get one', async ({
    assert,
  }) => {
    const event = await makeEvent({ capacity: 60 })
    eventId = event.id
    const stamp = Date.now()
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const rows = Array.from({ length: 210 }, (_, index) => ({
      full_name: `Racer ${index}`,
      email: `racer-${stamp}-${index}@example.org`,
      password: 'not-used',
      role: 'member',
      status: 'active',
      email_verified_at: now,
      profile_visibility: 'members',
      show_email: false,
      created_at: now,
      updated_at: now,
    }))
    for (let index = 0; index < rows.length; index += 50) {
      await db.table('users').insert(rows.slice(index, index + 50))
    }
    const users = await User.query().where('email', 'like', `racer-${stamp}-%`).orderBy('id', 'asc')
    userIds = users.map((user) => user.id)
    // Ten seats already taken, 50 left.
    for (const user of users.slice(0, 10)) await seat(event, user)

    const fresh = await Event.findOrFail(event.id)
    const results = await Promise.all(
      users.slice(10).map((user) => RegistrationService.register(fresh, user))
    )
    const registered = results.filter((row) => row.status === 'registered').length
    const waitlisted = results.filter((row) => row.status === 'waitlisted').length
    assert.equal(registered, 50)
    assert.equal(waitlisted, 150)

    await fresh.refresh()
    assert.equal(fresh.seatsTaken, 60)
    const counted = await EventRegistration.query()
      .where('event_id', event.id)
      .where('status', 'registered')
      .count('* as total')
      .firstOrFail()
    assert.equal(Number(counted.$extras.total), 60)
  }).timeout(120_000)

  test('a double-clicked registration counts once', async ({ assert }) => {
    const event = await makeEvent({ capacity: 10 })
    eventId = event.id
    const now = DateTime.utc().toFormat('yyyy-MM-dd HH:mm:ss')
    const email = `double-${Date.now()}@example.org`
    await db.table('users').insert({
      full_name: 'Double Clicker',
      email,
      password: 'not-used',
      role: 'member',
      status: 'active',
      email_verified_at: now,
      profile_visibility: 'members',
      show_email: false,
      created_at: now,
      updated_at: now,
    })
    const user = await User.findByOrFail('email', email)
    userIds = [user.id]
    const results = await Promise.all(
      Array.from({ length: 5 }, () => RegistrationService.register(event, user))
    )
    assert.isTrue(results.every((row) => row.status === 'registered'))
    await event.refresh()
    assert.equal(event.seatsTaken, 1)
    assert.lengthOf(await EventRegistration.query().where('event_id', event.id), 1)
  })
})

/*
 * The same clicked twice, or by two people at once: each pair of requests is sent together, and
 * what the people concerned then see (seats, place in line, mails) must be as if they had come
 * one after the other. Outside the per-test transaction for the same reason as above.
 */
test.group('Events / overlapping requests', (group) => {
  let userIds: number[] = []
  let eventId: number | null = null

  group.each.setup(() => async () => {
    if (eventId) await Event.query().where('id', eventId).delete()
    if (userIds.length) await User.query().whereIn('id', userIds).delete()
    userIds = []
    eventId = null
  })

  async function people(count: number, state?: 'board') {
    const users = state
      ? await UserFactory.apply(state).createMany(count)
      : await UserFactory.createMany(count)
    userIds.push(...users.map((user) => user.id))
    return users
  }

  function mailsTo(user: User, subjectStart: string) {
    return smtpSink.to(user.email).filter((item) => item.subject?.startsWith(subjectStart))
  }

  test('a double-clicked cancel frees the seat once and promotes one person', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent({ capacity: 1 })
    eventId = event.id
    const [holder, first, second] = await people(3)
    await seat(event, holder)
    await seat(event, first, 'waitlisted')
    await seat(event, second, 'waitlisted')

    const cancel = () =>
      client
        .delete(`/events/${event.id}/registration`)
        .header('X-Forwarded-For', uniqueIp())
        .loginAs(holder)
        .withCsrfToken()
        .redirects(0)
    await Promise.all([cancel(), cancel()])

    const page = await client.get(`/events/${event.id}`).loginAs(second)
    page.assertTextIncludes('1 of 1')
    page.assertTextIncludes('number 1 in line')
    assert.lengthOf(mailsTo(first, 'A seat freed up'), 1)
    assert.lengthOf(mailsTo(second, 'A seat freed up'), 0)
  })

  test('two organisers approving the same request at once take its seat once', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent({ capacity: 3, eligibility: 'approval' })
    eventId = event.id
    const [asker] = await people(1)
    const boards = await people(2, 'board')
    const request = await seat(event, asker, 'pending')

    await Promise.all(
      boards.map((board) =>
        client
          .post(`/events/${event.id}/requests/${request.id}/approve`)
          .loginAs(board)
          .withCsrfToken()
          .redirects(0)
      )
    )

    const list = await client.get(`/events/${event.id}/attendees`).loginAs(boards[0])
    list.assertTextIncludes('1 of 3')
    assert.lengthOf(mailsTo(asker, 'You are registered'), 1)
  })

  test('saving a raised capacity twice at once promotes each waiting person once', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent({ capacity: 1 })
    eventId = event.id
    const [holder, waiting] = await people(2)
    const [board] = await people(1, 'board')
    await seat(event, holder)
    await seat(event, waiting, 'waitlisted')

    const save = () =>
      client
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
          capacity: '5',
        })
        .loginAs(board)
        .withCsrfToken()
        .redirects(0)
    await Promise.all([save(), save()])

    const page = await client.get(`/events/${event.id}`).loginAs(waiting)
    page.assertTextIncludes('2 of 5')
    page.assertTextIncludes('You are registered')
    assert.lengthOf(mailsTo(waiting, 'A seat freed up'), 1)
  })
})
