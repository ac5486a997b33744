import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import { UserFactory } from '#database/factories/user_factory'
import { renderMarkdown } from '#services/content/rich_text'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('Events in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a member registers and sees the ticket; the organiser checks them in at the door', async ({
    assert,
    cleanup,
  }) => {
    const organiser = await UserFactory.apply('board')
      .merge({ email: uniqueEmail('events-organiser'), fullName: 'Rajesh Iyer' })
      .create()
    const member = await UserFactory.merge({
      email: uniqueEmail('events-member'),
      fullName: 'Sophie Laurent',
    }).create()
    const title = `Thursday walk ${Date.now()}`
    const startsAt = DateTime.utc().plus({ days: 3 }).startOf('hour')
    const event = await Event.create({
      title,
      descriptionSource: 'An easy **8 km** walk along the river.',
      descriptionHtml: renderMarkdown('An easy **8 km** walk along the river.'),
      category: 'Walks',
      startsAt,
      endsAt: startsAt.plus({ hours: 3 }),
      timezone: 'Europe/London',
      locationAddress: 'The old bridge, Riverside Road',
      visibility: 'members',
      status: 'published',
      eligibility: 'members',
      capacity: 12,
      seatsTaken: 0,
      maxGuests: 1,
      reminderMinutes: 1440,
      organiserId: organiser.id,
      sequence: 0,
    })
    cleanup(async () => {
      await Event.query().where('id', event.id).delete()
      await organiser.delete()
      await member.delete()
    })

    const page = await browser.newPage()
    await logIn(page, member.email)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Events' })
      .click()
    await page.getByRole('heading', { name: 'Upcoming events', level: 1 }).waitFor()
    await page.getByRole('link', { name: title }).click()
    await page.getByRole('heading', { name: title, level: 1 }).waitFor()
    assert.include(await page.locator('main').innerText(), '0 of 12')
    await page.getByLabel('Guests you bring (up to 1)').fill('1')
    await page.getByRole('button', { name: 'Register' }).click()
    await page.getByText('You are registered with 1 guest.').waitFor()
    assert.include(await page.locator('main').innerText(), '2 of 12')
    assert.deepEqual(await leakedTemplateSyntax(page), [])
    await screenshot(page, 'events-registered')

    await page.getByRole('link', { name: 'Show my ticket' }).click()
    await page.getByRole('heading', { name: 'Your ticket', level: 1 }).waitFor()
    const shownCode = await page.locator('[data-ticket-code]').innerText()
    const code = shownCode.trim()
    const registration = await EventRegistration.findByOrFail('userId', member.id)
    assert.equal(code, registration.ticketCode)
    assert.equal(await page.locator('.ticket-qr svg').count(), 1)
    await screenshot(page, 'events-ticket')

    await page.goto(`/events/calendar?month=${startsAt.toFormat('yyyy-MM')}`)
    await page.getByRole('link', { name: new RegExp(title) }).waitFor()
    assert.deepEqual(await leakedTemplateSyntax(page), [])
    await screenshot(page, 'events-calendar')

    const door = await browser.newPage()
    await door.setViewportSize({ width: 390, height: 844 })
    await logIn(door, organiser.email)
    await door.goto(`/events/${event.id}/check-in`)
    await door.getByRole('heading', { name: 'Check-in', level: 1 }).waitFor()
    await door.getByLabel('Ticket code').fill(code.toLowerCase())
    await door.getByRole('button', { name: 'Check in', exact: true }).click()
    await door.getByText('Sophie Laurent is checked in with 1 guest(s).').waitFor()
    assert.include(await door.locator('main').innerText(), '1 of 1 checked in')
    await screenshot(door, 'events-check-in-phone')

    await door.setViewportSize({ width: 1280, height: 900 })
    await door.goto(`/events/${event.id}/attendees`)
    await door.getByRole('cell', { name: 'Sophie Laurent' }).waitFor()
    await screenshot(door, 'events-attendees')
    await door.goto('/events/new')
    await door.getByRole('heading', { name: 'New event', level: 1 }).waitFor()
    assert.deepEqual(await leakedTemplateSyntax(door), [])
    await screenshot(door, 'events-form')

    await registration.refresh()
    assert.isNotNull(registration.checkedInAt)
  }).timeout(60_000)
})
