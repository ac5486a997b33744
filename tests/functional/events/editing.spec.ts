import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import Event from '#models/event'
import type User from '#models/user'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { pngImage, htmlPretendingToBePng } from '#tests/fixtures/images'
import ImageUploadService from '#services/uploads/image_upload_service'
import { uploadsLocation } from '#config/drive'

function form(overrides: Record<string, string> = {}) {
  return {
    title: 'Spring social',
    description: 'Hello **all** <script>alert(1)</script> <img src=x onerror=alert(1)>',
    category: 'Social',
    startsAt: '2027-03-20T19:00',
    endsAt: '2027-03-20T22:00',
    timezone: 'Europe/Amsterdam',
    locationAddress: 'Main Hall',
    visibility: 'members',
    eligibility: 'signed_in',
    status: 'published',
    capacity: '40',
    maxGuests: '1',
    reminderHours: '24',
    questions: '*Dietary needs\nT-shirt size',
    ...overrides,
  }
}

async function withCover(client: ApiClient, board: User, overrides: Record<string, string>) {
  await client
    .post('/events')
    .fields(form(overrides))
    .file('cover', await pngImage(1600, 900), { filename: 'cover.png', contentType: 'image/png' })
    .loginAs(board)
    .withCsrfToken()
  return Event.findByOrFail('title', overrides.title)
}

/** Sends an event form with a cover picture, as `board`, and answers without following redirects. */
async function sendWithCover(request: ApiRequest, board: User, overrides: Record<string, string>) {
  return request
    .fields(form(overrides))
    .file('cover', await pngImage(800, 600), { filename: 'cover.png', contentType: 'image/png' })
    .loginAs(board)
    .withCsrfToken()
    .redirects(0)
}

/** The cover files in the storage the app writes to, as keys. */
async function storedCovers() {
  const names = await readdir(join(uploadsLocation, 'events')).catch(() => [] as string[])
  return names.map((name) => `events/${name}`).sort()
}

test.group('Events / editing', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('the board creates an event: sanitized description, UTC times with the zone, audit', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const response = await client
      .post('/events')
      .form(form())
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const event = await Event.query()
      .where('title', 'Spring social')
      .preload('questions')
      .firstOrFail()
    assert.notInclude(event.descriptionHtml, '<script')
    assert.notInclude(event.descriptionHtml, 'onerror')
    assert.include(event.descriptionHtml, '<strong>all</strong>')
    // 19:00 in Amsterdam in March (CET, UTC+1) is 18:00 UTC.
    assert.equal(event.startsAt.toUTC().toISO(), '2027-03-20T18:00:00.000Z')
    assert.equal(event.timezone, 'Europe/Amsterdam')
    assert.deepEqual(
      event.questions.map((question) => [question.label, question.required]),
      [
        ['Dietary needs', true],
        ['T-shirt size', false],
      ]
    )
    const page = await client.get(`/events/${event.id}`).loginAs(board)
    assert.notInclude(page.text(), 'alert(1)')
    assert.isNotNull(await AuditLog.query().where('action', 'event.created').first())
  })

  test('bad input comes back with messages next to the fields', async ({ client, assert }) => {
    const board = await UserFactory.apply('board').create()
    const response = await client
      .post('/events')
      .form(form({ endsAt: '2027-03-20T18:00', timezone: 'Mars/Olympus' }))
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag
    assert.property(errors, 'timezone')
    const backwards = await client
      .post('/events')
      .form(form({ endsAt: '2027-03-20T18:00' }))
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(backwards.flashMessages().inputErrorsBag, {
      endsAt: ['The end must be after the start.'],
    })
    assert.isNull(await Event.findBy('title', 'Spring social'))
  })

  test('a cover image is checked by its bytes and re-encoded', async ({ client, assert }) => {
    const board = await UserFactory.apply('board').create()
    const fake = await client
      .post('/events')
      .fields(form())
      .file('cover', htmlPretendingToBePng, { filename: 'cover.png', contentType: 'image/png' })
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    assert.equal(
      (fake.flashMessages().inputErrorsBag as Record<string, string[]>).cover[0],
      'The file is not a PNG, JPEG, WebP or GIF image.'
    )
    await client
      .post('/events')
      .fields(form())
      .file('cover', await pngImage(1600, 900), { filename: 'cover.png', contentType: 'image/png' })
      .loginAs(board)
      .withCsrfToken()
    const event = await Event.findByOrFail('title', 'Spring social')
    assert.match(event.coverImageKey!, /^events\/[0-9a-f-]+\.webp$/)
    const cover = await client.get(`/events/${event.id}/cover`).loginAs(board)
    cover.assertStatus(200)
    cover.assertHeader('content-type', 'image/webp')
    const visitor = await client.get(`/events/${event.id}/cover`)
    visitor.assertStatus(404)
    await ImageUploadService.delete(event.coverImageKey)
  })

  test('a cover is sent with nosniff and an ETag that answers 304', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await withCover(client, board, { title: 'Open day', visibility: 'public' })
    cleanup(() => ImageUploadService.delete(event.coverImageKey))

    const cover = await client.get(`/events/${event.id}/cover`)
    cover.assertStatus(200)
    cover.assertHeader('x-content-type-options', 'nosniff')
    cover.assertHeader('cache-control', 'public, max-age=3600')
    const etag = cover.header('etag')!
    assert.match(etag, /^"[^"]+"$/)
    const cached = await client
      .get(`/events/${event.id}/cover`)
      .header('If-None-Match', `W/${etag}`)
    cached.assertStatus(304)
  })

  test("a public draft's cover is kept out of shared caches", async ({ client, cleanup }) => {
    const board = await UserFactory.apply('board').create()
    const draft = await withCover(client, board, {
      title: 'Open day',
      visibility: 'public',
      status: 'draft',
    })
    cleanup(() => ImageUploadService.delete(draft.coverImageKey))

    const cover = await client.get(`/events/${draft.id}/cover`).loginAs(board)
    cover.assertStatus(200)
    cover.assertHeader('cache-control', 'private, max-age=3600')
    cover.assertHeader('vary', 'Cookie')
    const visitor = await client.get(`/events/${draft.id}/cover`)
    visitor.assertStatus(404)
  })

  test('an event refused after its cover was chosen leaves no file behind', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const before = await storedCovers()
    const response = await sendWithCover(client.post('/events'), board, { repeat: 'weekly' })
    response.assertStatus(302)
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      repeatCount: ['Give a number of occurrences or an end date.'],
    })
    assert.isNull(await Event.findBy('title', 'Spring social'))
    assert.deepEqual(await storedCovers(), before)
  })

  test('a new cover replaces the old one, whose file is removed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await withCover(client, board, { title: 'Open day' })
    const oldKey = event.coverImageKey!
    cleanup(() => ImageUploadService.delete(oldKey))

    const response = await sendWithCover(client.put(`/events/${event.id}`), board, {
      title: 'Open day',
    })
    response.assertStatus(302)
    await event.refresh()
    cleanup(() => ImageUploadService.delete(event.coverImageKey))
    assert.notEqual(event.coverImageKey, oldKey)
    assert.include(await storedCovers(), event.coverImageKey!)
    assert.notInclude(await storedCovers(), oldKey)
  })

  test('an edit that fails to save keeps the old cover and leaves no new file', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await withCover(client, board, { title: 'Open day' })
    cleanup(() => ImageUploadService.delete(event.coverImageKey))
    const shown = await client.get(`/events/${event.id}/cover`).loginAs(board)
    const before = await storedCovers()

    const failSave = () => {
      throw new Error('The database went away')
    }
    Event.before('update', failSave)
    cleanup(() => {
      Event.$hooks.remove('before:update', failSave)
    })
    const response = await sendWithCover(client.put(`/events/${event.id}`), board, {
      title: 'Open day, renamed',
    })
    response.assertStatus(500)

    assert.deepEqual(await storedCovers(), before)
    const cover = await client.get(`/events/${event.id}/cover`).loginAs(board)
    cover.assertStatus(200)
    assert.equal(cover.header('etag'), shown.header('etag'))
    await event.refresh()
    assert.equal(event.title, 'Open day')
  })

  test('a weekly series makes one event per occurrence at the same local time', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    await client
      .post('/events')
      .form(
        form({
          startsAt: '2027-03-18T19:00',
          endsAt: '2027-03-18T21:00',
          repeat: 'weekly',
          repeatCount: '4',
        })
      )
      .loginAs(board)
      .withCsrfToken()
    const events = await Event.query().where('title', 'Spring social').orderBy('starts_at', 'asc')
    assert.lengthOf(events, 4)
    assert.isNotNull(events[0].seriesId)
    assert.isTrue(events.every((event) => event.seriesId === events[0].seriesId))
    // Across the change to summer time (28 March 2027) the meeting stays at 19:00 local.
    assert.deepEqual(
      events.map((event) =>
        event.startsAt.setZone('Europe/Amsterdam').toFormat('yyyy-MM-dd HH:mm')
      ),
      ['2027-03-18 19:00', '2027-03-25 19:00', '2027-04-01 19:00', '2027-04-08 19:00']
    )

    // Editing the whole series changes every later occurrence, each keeping its own date.
    await client
      .put(`/events/${events[1].id}`)
      .form(
        form({
          title: 'Spring social (new room)',
          startsAt: '2027-03-25T19:00',
          endsAt: '2027-03-25T21:00',
          scope: 'series',
          locationAddress: 'Room B',
        })
      )
      .loginAs(board)
      .withCsrfToken()
    const after = await Event.query()
      .where('series_id', events[0].seriesId!)
      .orderBy('starts_at', 'asc')
    assert.deepEqual(
      after.map((event) => event.title),
      [
        'Spring social',
        'Spring social (new room)',
        'Spring social (new room)',
        'Spring social (new room)',
      ]
    )
    assert.deepEqual(
      after.map((event) => event.locationAddress),
      ['Main Hall', 'Room B', 'Room B', 'Room B']
    )

    // Editing one occurrence leaves the others alone.
    await client
      .put(`/events/${events[2].id}`)
      .form(
        form({
          title: 'Only this one',
          startsAt: '2027-04-01T20:00',
          endsAt: '2027-04-01T22:00',
          scope: 'one',
        })
      )
      .loginAs(board)
      .withCsrfToken()
    const single = await Event.query()
      .where('series_id', events[0].seriesId!)
      .orderBy('starts_at', 'asc')
    assert.deepEqual(
      single.map((event) => event.title),
      ['Spring social', 'Spring social (new room)', 'Only this one', 'Spring social (new room)']
    )
    assert.equal(single[2].startsAt.setZone('Europe/Amsterdam').toFormat('HH:mm'), '20:00')
  })

  test('lists: upcoming and past, category filter, pagination', async ({ client, assert }) => {
    const board = await UserFactory.apply('board').create()
    await Event.createMany(
      Array.from({ length: 22 }, (_, index) => ({
        title: `Upcoming ${String(index).padStart(2, '0')}`,
        descriptionSource: '',
        descriptionHtml: '',
        category: index % 2 ? 'Workshop' : 'Social',
        startsAt: DateTime.utc().plus({ days: index + 1 }),
        endsAt: DateTime.utc().plus({ days: index + 1, hours: 2 }),
        timezone: 'UTC',
        visibility: 'public' as const,
        status: 'published' as const,
        eligibility: 'signed_in' as const,
        seatsTaken: 0,
        maxGuests: 0,
        reminderMinutes: 1440,
        sequence: 0,
      }))
    )
    await Event.create({
      title: 'Long ago',
      descriptionSource: '',
      descriptionHtml: '',
      startsAt: DateTime.utc().minus({ days: 30 }),
      endsAt: DateTime.utc().minus({ days: 30 }).plus({ hours: 1 }),
      timezone: 'UTC',
      visibility: 'public',
      status: 'published',
      eligibility: 'signed_in',
      seatsTaken: 0,
      maxGuests: 0,
      reminderMinutes: 1440,
      sequence: 0,
    })
    const first = await client.get('/events').loginAs(board)
    first.assertTextIncludes('Upcoming 00')
    assert.notInclude(first.text(), 'Upcoming 21')
    assert.notInclude(first.text(), 'Long ago')
    const second = await client.get('/events?page=2').loginAs(board)
    second.assertTextIncludes('Upcoming 21')
    const past = await client.get('/events?when=past')
    past.assertTextIncludes('Long ago')
    const workshops = await client.get('/events?category=Workshop')
    workshops.assertTextIncludes('Upcoming 01')
    assert.notInclude(workshops.text(), 'Upcoming 00')
  })

  test('the editing pages render for the board, with the current values', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const created = await client.get('/events/new').loginAs(board)
    created.assertStatus(200)
    created.assertTextIncludes('name="startsAt"')
    await client.post('/events').form(form()).loginAs(board).withCsrfToken()
    const event = await Event.findByOrFail('title', 'Spring social')
    const edit = await client.get(`/events/${event.id}/edit`).loginAs(board)
    edit.assertStatus(200)
    edit.assertTextIncludes('value="2027-03-20T19:00"')
    edit.assertTextIncludes('*Dietary needs')
    assert.include(edit.text(), 'Hello **all**')
  })

  test('a form sent by a browser with its empty optional fields is accepted', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const response = await client
      .post('/events')
      .form(
        form({
          capacity: '',
          maxGuests: '',
          registrationDeadline: '',
          reminderHours: '',
          onlineUrl: '',
          category: '',
          questions: '',
          organiserContact: '',
          repeat: 'none',
          repeatCount: '',
          repeatUntil: '',
        })
      )
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    assert.deepEqual(response.flashMessages().inputErrorsBag ?? {}, {})
    const event = await Event.findByOrFail('title', 'Spring social')
    assert.isNull(event.capacity)
    assert.equal(event.maxGuests, 0)
    assert.equal(event.reminderMinutes, 1440)
  })
})
