import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import EventRegistration from '#models/event_registration'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { makeEvent, seat, statusOf } from '#tests/functional/events/helpers'

test.group('Events / attendees, CSV and check-in', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('only the board and the event organiser reach the attendee list, CSV and check-in', async ({
    client,
    assert,
  }) => {
    const organiser = await UserFactory.create()
    const event = await makeEvent({ organiserId: organiser.id })
    const attendee = await UserFactory.create()
    const registration = await seat(event, attendee)
    const board = await UserFactory.apply('board').create()

    for (const path of ['attendees', 'attendees.csv', 'check-in']) {
      assert.equal(await statusOf(client.get(`/events/${event.id}/${path}`).redirects(0)), 302)
      assert.equal(await statusOf(client.get(`/events/${event.id}/${path}`).loginAs(attendee)), 404)
      assert.equal(
        await statusOf(client.get(`/events/${event.id}/${path}`).loginAs(organiser)),
        200
      )
      assert.equal(await statusOf(client.get(`/events/${event.id}/${path}`).loginAs(board)), 200)
    }
    const sneaky = await client
      .post(`/events/${event.id}/check-in`)
      .form({ code: registration.ticketCode })
      .loginAs(attendee)
      .withCsrfToken()
    sneaky.assertStatus(404)
    await registration.refresh()
    assert.isNull(registration.checkedInAt, 'an attendee cannot check themselves in')
  })

  test('the CSV lists attendees and the waitlist and cannot run formulas', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent({ capacity: 1 })
    const question = await event
      .related('questions')
      .create({ label: 'Dietary needs', required: false, position: 0 })
    const evil = await UserFactory.merge({
      fullName: '=HYPERLINK("http://evil.example","x")',
    }).create()
    const waiting = await UserFactory.merge({ fullName: '@SUM(1+1)' }).create()
    const row = await seat(event, evil)
    row.answers = { [String(question.id)]: '+cmd|calc' }
    await row.save()
    await seat(event, waiting, 'waitlisted')

    const response = await client.get(`/events/${event.id}/attendees.csv`).loginAs(board)
    response.assertStatus(200)
    response.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.match(
      response.header('content-disposition')!,
      /^attachment; filename="event-\d+-attendees\.csv"$/
    )
    const lines = response.text().trim().split('\r\n')
    assert.equal(lines[0], 'Name,Email,Status,Guests,Ticket code,Checked in at (UTC),Dietary needs')
    assert.lengthOf(lines, 3)
    assert.isTrue(lines[1].startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",`))
    assert.include(lines[1], ",'+cmd|calc")
    assert.isTrue(lines[2].startsWith("'@SUM(1+1),"))
    assert.include(lines[2], ',waitlisted,')
  })

  test('check-in by ticket code and by name search, timestamped, with the attendance rate after', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const event = await makeEvent()
    const alice = await UserFactory.merge({ fullName: 'Alice Andersen' }).create()
    const bob = await UserFactory.merge({ fullName: 'Bob Brouwer' }).create()
    const carol = await UserFactory.merge({ fullName: 'Carol Clark' }).create()
    const aliceRow = await seat(event, alice)
    const bobRow = await seat(event, bob)
    await seat(event, carol)

    const byCode = await client
      .post(`/events/${event.id}/check-in`)
      .form({ code: aliceRow.ticketCode.toLowerCase() })
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    byCode.assertFlashMessage('success', 'Alice Andersen is checked in.')

    const search = await client.get(`/events/${event.id}/check-in?q=brou`).loginAs(board)
    search.assertTextIncludes('Bob Brouwer')
    assert.notInclude(search.text(), 'Carol Clark')
    await client
      .post(`/events/${event.id}/check-in`)
      .form({ registrationId: String(bobRow.id) })
      .loginAs(board)
      .withCsrfToken()

    const wrong = await client
      .post(`/events/${event.id}/check-in`)
      .form({ code: 'NOTACODE' })
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    wrong.assertFlashMessage('error', 'No registration for this event matches that code.')

    // A ticket of another event does not work here.
    const other = await makeEvent()
    const otherRow = await seat(other, carol)
    const foreign = await client
      .post(`/events/${event.id}/check-in`)
      .form({ code: otherRow.ticketCode })
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    foreign.assertFlashMessage('error', 'No registration for this event matches that code.')

    await aliceRow.refresh()
    assert.isNotNull(aliceRow.checkedInAt)
    const audited = await AuditLog.query().where('action', 'event.checked_in')
    assert.lengthOf(audited, 2)

    event.startsAt = DateTime.utc().minus({ hours: 3 })
    event.endsAt = DateTime.utc().minus({ hours: 1 })
    await event.save()
    const list = await client.get(`/events/${event.id}/attendees`).loginAs(board)
    list.assertTextIncludes('attendance rate 67%')
    const checked = await EventRegistration.query()
      .where('event_id', event.id)
      .whereNotNull('checked_in_at')
    assert.lengthOf(checked, 2)
  })

  test('the ticket page shows the code and a QR code to the registered person only', async ({
    client,
    assert,
  }) => {
    const event = await makeEvent()
    const member = await UserFactory.create()
    const registration = await seat(event, member)
    const page = await client.get(`/events/${event.id}/ticket`).loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes(registration.ticketCode)
    assert.include(page.text(), '<svg')
    assert.equal(
      await statusOf(client.get(`/events/${event.id}/ticket`).loginAs(await UserFactory.create())),
      404
    )
  })
})
