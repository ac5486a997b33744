import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import db from '@adonisjs/lucid/services/db'
import { UserFactory } from '#database/factories/user_factory'
import EventRegistration from '#models/event_registration'
import CalendarFeedToken from '#models/calendar_feed_token'
import privacyRegistry from '#services/privacy/privacy_registry'
import FeedTokenService from '#services/events/feed_token_service'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { makeEvent, seat } from '#tests/functional/events/helpers'

function eventsModule() {
  return privacyRegistry.all().find((module) => module.name === 'events')!
}

test.group('Events / privacy and dashboard', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('the export holds registrations with answers and check-ins, never the feed secret', async ({
    assert,
  }) => {
    const member = await UserFactory.create()
    const event = await makeEvent({ title: 'Cooking class' })
    const question = await event
      .related('questions')
      .create({ label: 'Allergies', required: false, position: 0 })
    const row = await seat(event, member)
    row.answers = { [String(question.id)]: 'Peanuts' }
    await row.save()
    const secret = await FeedTokenService.regenerate(member, false)

    const { data } = await eventsModule().export(member)
    const registrations = data.registrations as any[]
    assert.equal(registrations[0].event, 'Cooking class')
    assert.deepEqual(registrations[0].answers, { Allergies: 'Peanuts' })
    assert.notInclude(JSON.stringify(data), secret)
    assert.isNotNull(data.personalCalendarLink)
  })

  test('erasure deletes registrations and the feed link and gives the seats back', async ({
    assert,
  }) => {
    const member = await UserFactory.create()
    const event = await makeEvent({ capacity: 5 })
    await seat(event, member, 'registered', 1)
    await FeedTokenService.regenerate(member, false)
    await db.transaction((trx) => eventsModule().erase(member, trx))
    assert.isNull(await EventRegistration.findBy('userId', member.id))
    assert.isNull(await CalendarFeedToken.findBy('userId', member.id))
    await event.refresh()
    assert.equal(event.seatsTaken, 0)
  })

  test('deleting an account gives its seat to the first on the waitlist, who is told', async ({
    client,
    assert,
  }) => {
    const leaving = await UserFactory.create()
    const waiting = await UserFactory.create()
    const behind = await UserFactory.create()
    const event = await makeEvent({ capacity: 1 })
    await seat(event, leaving)
    await seat(event, waiting, 'waitlisted')
    await seat(event, behind, 'waitlisted')

    const response = await client
      .delete('/account')
      .form({ currentPassword: 'correct horse battery staple', confirmation: 'DELETE' })
      .loginAs(leaving)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)

    const page = await client.get(`/events/${event.id}`).loginAs(waiting)
    page.assertTextIncludes('You are registered')
    page.assertTextIncludes('1 of 1')
    const mail = await smtpSink.waitFor(
      waiting.email,
      (item) => item.subject?.startsWith('A seat freed up') ?? false
    )
    assert.include(mail.subject!, event.title)
    const line = await client.get(`/events/${event.id}`).loginAs(behind)
    line.assertTextIncludes('number 1 in line')
  })

  test('the dashboard lists my upcoming events; the navigation links the events', async ({
    client,
    assert,
  }) => {
    const member = await UserFactory.create()
    const mine = await makeEvent({ title: 'Board game night' })
    await makeEvent({ title: 'Not mine' })
    await seat(mine, member)
    const page = await client.get('/dashboard').loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes('Board game night')
    assert.notInclude(page.text(), 'Not mine')
    page.assertTextIncludes('href="/events"')
  })
})
