import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import ICAL from 'ical.js'
import { UserFactory } from '#database/factories/user_factory'
import CalendarService from '#services/events/calendar_service'
import { isolateDatabase } from '#tests/helpers/database'
import { makeEvent, parseCalendar, seat, statusOf, textOf } from '#tests/functional/events/helpers'

function form(overrides: Record<string, string> = {}) {
  return {
    title: 'Summer fair',
    description: 'Stalls and music.',
    startsAt: '2027-07-10T14:00',
    endsAt: '2027-07-10T18:00',
    timezone: 'Europe/Amsterdam',
    locationAddress: 'Town square',
    visibility: 'public',
    eligibility: 'signed_in',
    status: 'published',
    ...overrides,
  }
}

test.group('Events / iCalendar downloads and feeds', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('an .ics download has a stable UID, SEQUENCE bumped on changes, zone, URL, LOCATION, STATUS', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ title: 'Summer fair' })

    const first = await client.get(`/events/${event.id}/event.ics`)
    first.assertStatus(200)
    first.assertHeader('content-type', 'text/calendar; charset=utf-8')
    const [before] = parseCalendar(first.text()).events
    assert.equal(before.getFirstPropertyValue('uid'), CalendarService.uid(event))
    assert.equal(before.getFirstPropertyValue('sequence'), 0)
    assert.equal(before.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/Amsterdam')
    // The zone is defined in the file, so a client that does not know it by name gets the same
    // instant: the event's start in UTC, from the file's own VTIMEZONE.
    const { component } = parseCalendar(first.text())
    const [zone] = component.getAllSubcomponents('vtimezone')
    assert.equal(zone.getFirstPropertyValue('tzid'), 'Europe/Amsterdam')
    const definedStart = (before.getFirstPropertyValue('dtstart') as any).clone()
    definedStart.zone = new ICAL.Timezone(zone)
    assert.equal(definedStart.toUnixTime(), event.startsAt.toSeconds())
    assert.equal(before.getFirstPropertyValue('location'), 'Main Hall, Keizersgracht 1, Amsterdam')
    assert.equal(before.getFirstPropertyValue('url'), `http://localhost:3334/events/${event.id}`)
    assert.equal(before.getFirstPropertyValue('status'), 'CONFIRMED')

    // A change of time and place: same UID, higher SEQUENCE, the new local time with its zone.
    await client.put(`/events/${event.id}`).form(form()).loginAs(board).withCsrfToken()
    const [moved] = parseCalendar(await textOf(client.get(`/events/${event.id}/event.ics`))).events
    assert.equal(moved.getFirstPropertyValue('uid'), CalendarService.uid(event))
    assert.equal(moved.getFirstPropertyValue('sequence'), 1)
    const start = moved.getFirstPropertyValue('dtstart') as any
    assert.equal(start.toString(), '2027-07-10T14:00:00')
    assert.equal(moved.getFirstProperty('dtstart')!.getParameter('tzid'), 'Europe/Amsterdam')
    assert.equal(moved.getFirstPropertyValue('location'), 'Town square')

    // A change of title only does not bump it.
    await client
      .put(`/events/${event.id}`)
      .form(form({ title: 'Summer fair 2027' }))
      .loginAs(board)
      .withCsrfToken()
    const [renamed] = parseCalendar(
      await textOf(client.get(`/events/${event.id}/event.ics`))
    ).events
    assert.equal(renamed.getFirstPropertyValue('sequence'), 1)

    await client
      .post(`/events/${event.id}/cancel`)
      .form({ message: 'Storm warning.' })
      .loginAs(board)
      .withCsrfToken()
    const [cancelled] = parseCalendar(
      await textOf(client.get(`/events/${event.id}/event.ics`))
    ).events
    assert.equal(cancelled.getFirstPropertyValue('status'), 'CANCELLED')
    assert.equal(cancelled.getFirstPropertyValue('sequence'), 2)
    assert.equal(cancelled.getFirstPropertyValue('uid'), CalendarService.uid(event))
  })

  test('the public feed lists public events, is linked from the events page, answers 304', async ({
    client,
    assert,
  }) => {
    await makeEvent({ title: 'Open day' })
    await makeEvent({ title: 'Members dinner', visibility: 'members' })
    const page = await client.get('/events')
    page.assertTextIncludes('<link rel="alternate" type="text/calendar"')
    page.assertTextIncludes('webcal://localhost:3334/events/feed.ics')

    const feed = await client.get('/events/feed.ics')
    feed.assertStatus(200)
    feed.assertHeader('content-type', 'text/calendar; charset=utf-8')
    const titles = parseCalendar(feed.text()).events.map((item) =>
      item.getFirstPropertyValue('summary')
    )
    assert.include(titles, 'Open day')
    assert.notInclude(titles, 'Members dinner')

    const etag = feed.header('etag')!
    const lastModified = feed.header('last-modified')!
    assert.isString(etag)
    assert.isString(lastModified)
    const again = await client.get('/events/feed.ics').header('If-None-Match', etag)
    again.assertStatus(304)
    const since = await client.get('/events/feed.ics').header('If-Modified-Since', lastModified)
    since.assertStatus(304)
  })

  test('a personal feed by secret URL; regenerating it kills the old URL', async ({
    client,
    assert,
  }) => {
    const member = await UserFactory.create()
    const mine = await makeEvent({ title: 'My workshop', visibility: 'members' })
    await makeEvent({ title: 'Other members night', visibility: 'members' })
    await makeEvent({ title: 'Board retreat', visibility: 'board' })
    await seat(mine, member)

    const made = await client
      .post('/account/calendar')
      .form({})
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    const token = made.flashMessages().feedToken as string
    assert.match(token, /^[A-Za-z0-9_-]{32}$/)
    // Only the hash is kept: the settings page cannot show the secret again.
    const settings = await client.get('/account/calendar').loginAs(member)
    settings.assertStatus(200)
    assert.notInclude(settings.text(), token)

    const feed = await client.get(`/events/feeds/${token}/calendar.ics`)
    feed.assertStatus(200)
    const titles = parseCalendar(feed.text()).events.map((item) =>
      item.getFirstPropertyValue('summary')
    )
    assert.deepEqual(titles, ['My workshop'])

    const withMembers = await client
      .post('/account/calendar')
      .form({ includeMembersEvents: 'true' })
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    const newToken = withMembers.flashMessages().feedToken as string
    assert.equal(await statusOf(client.get(`/events/feeds/${token}/calendar.ics`)), 404)
    const wider = await client.get(`/events/feeds/${newToken}/calendar.ics`)
    const widerTitles = parseCalendar(wider.text()).events.map((item) =>
      item.getFirstPropertyValue('summary')
    )
    assert.sameMembers(widerTitles as string[], ['My workshop', 'Other members night'])

    assert.equal(
      await statusOf(client.get('/events/feeds/not-a-real-token-at-all-000000000/calendar.ics')),
      404
    )
  })
})
