import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import { makeEvent, statusOf, uniqueIp } from '#tests/functional/events/helpers'

test.group('Events / visibility per role', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'event_registration')

  test('visitors, non-members, members and the board each see their levels', async ({
    client,
    assert,
  }) => {
    const open = await makeEvent({ title: 'Open day', visibility: 'public' })
    const members = await makeEvent({ title: 'Members dinner', visibility: 'members' })
    const board = await makeEvent({ title: 'Board retreat', visibility: 'board' })
    const draft = await makeEvent({ title: 'Secret draft', visibility: 'public', status: 'draft' })

    const viewers = {
      visitor: null,
      nonMember: await UserFactory.apply('nonMember').create(),
      unverifiedMember: await UserFactory.apply('unverified').create(),
      member: await UserFactory.create(),
      board: await UserFactory.apply('board').create(),
    }
    const expected: Record<keyof typeof viewers, string[]> = {
      visitor: ['Open day'],
      nonMember: ['Open day'],
      unverifiedMember: ['Open day'],
      member: ['Open day', 'Members dinner'],
      board: ['Open day', 'Members dinner', 'Board retreat', 'Secret draft'],
    }
    for (const [role, user] of Object.entries(viewers) as [keyof typeof viewers, any][]) {
      const request = client.get('/events').header('X-Forwarded-For', uniqueIp())
      const list = user ? await request.loginAs(user) : await request
      list.assertStatus(200)
      for (const event of [open, members, board, draft]) {
        const visible = expected[role].includes(event.title)
        assert.equal(list.text().includes(event.title), visible, `${role} list: ${event.title}`)
        const pageRequest = client.get(`/events/${event.id}`).header('X-Forwarded-For', uniqueIp())
        const page = user ? await pageRequest.loginAs(user) : await pageRequest
        assert.equal(page.status(), visible ? 200 : 404, `${role} page: ${event.title}`)
        const icsRequest = client
          .get(`/events/${event.id}/event.ics`)
          .header('X-Forwarded-For', uniqueIp())
        const ics = user ? await icsRequest.loginAs(user) : await icsRequest
        assert.equal(ics.status(), visible ? 200 : 404, `${role} ics: ${event.title}`)
      }
    }
  })

  test('the month calendar and the public feed show only what the viewer may see', async ({
    client,
    assert,
  }) => {
    const open = await makeEvent({ title: 'Open day', visibility: 'public' })
    await makeEvent({ title: 'Members dinner', visibility: 'members' })
    const month = open.startsAt.setZone('UTC').toFormat('yyyy-MM')
    const visitor = await client
      .get(`/events/calendar?month=${month}`)
      .header('X-Forwarded-For', uniqueIp())
    visitor.assertStatus(200)
    visitor.assertTextIncludes('Open day')
    assert.notInclude(visitor.text(), 'Members dinner')
    const member = await client
      .get(`/events/calendar?month=${month}`)
      .loginAs(await UserFactory.create())
    member.assertTextIncludes('Members dinner')
    const feed = await client.get('/events/feed.ics').header('X-Forwarded-For', uniqueIp())
    assert.include(feed.text(), 'Open day')
    assert.notInclude(feed.text(), 'Members dinner')
  })

  test('only the board creates, edits and cancels events', async ({ client, assert }) => {
    const member = await UserFactory.create()
    const event = await makeEvent()
    assert.equal(
      await statusOf(
        client.get('/events/new').header('X-Forwarded-For', uniqueIp()).loginAs(member)
      ),
      403
    )
    assert.equal(
      await statusOf(
        client.get(`/events/${event.id}/edit`).header('X-Forwarded-For', uniqueIp()).loginAs(member)
      ),
      403
    )
    const cancel = await client
      .post(`/events/${event.id}/cancel`)
      .header('X-Forwarded-For', uniqueIp())
      .form({ message: 'Nope' })
      .loginAs(member)
      .withCsrfToken()
    cancel.assertStatus(403)
  })
})
