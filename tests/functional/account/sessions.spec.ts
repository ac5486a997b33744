import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import {
  closeOpenedSessions,
  openSessionElsewhere,
  sessionExists,
} from '#tests/functional/account/helpers'

const FIREFOX_ON_UBUNTU =
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

test.group('Account / sessions', (group) => {
  isolateDatabase(group)
  group.each.teardown(() => closeOpenedSessions())

  test('lists the sessions with their device and marks this one', async ({ client, assert }) => {
    const user = await UserFactory.merge({ timezone: 'Asia/Tokyo' }).create()
    await openSessionElsewhere(user, { userAgent: FIREFOX_ON_UBUNTU, ip: '192.0.2.44' })

    const response = await client
      .get('/account/sessions')
      .header('user-agent', SAFARI_ON_IPHONE)
      .loginAs(user)
    response.assertStatus(200)
    const html = response.text()
    assert.match(html, /Mobile Safari 17 on Apple iPhone, iOS 17\.5\s*<mark>This device<\/mark>/)
    assert.include(html, 'Firefox 128 on Ubuntu')
    assert.include(html, '192.0.2.44')
    assert.lengthOf(html.match(/<mark>This device<\/mark>/g) ?? [], 1)
    // Only the other session gets a "Log out" button.
    assert.lengthOf(
      html.match(/action="\/account\/sessions\/[0-9a-f-]{36}\?_method=DELETE"/g) ?? [],
      1
    )
  })

  test("ends one of the member's other sessions", async ({ client, assert }) => {
    const user = await UserFactory.create()
    const elsewhere = await openSessionElsewhere(user)
    const response = await client
      .delete(`/account/sessions/${elsewhere}`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'That session was ended.')
    assert.isFalse(await sessionExists(elsewhere))
    assert.isNotNull(
      await AuditLog.query().where('action', 'session.revoked').where('subject_id', user.id).first()
    )
  })

  test("cannot end another member's session", async ({ client, assert }) => {
    const user = await UserFactory.create()
    const victim = await UserFactory.create()
    const victimSession = await openSessionElsewhere(victim)
    const response = await client
      .delete(`/account/sessions/${victimSession}`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(404)
    assert.isTrue(await sessionExists(victimSession))
  })

  test('logs out everywhere else', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const first = await openSessionElsewhere(user)
    const second = await openSessionElsewhere(user)
    const other = await openSessionElsewhere(await UserFactory.create())
    const response = await client
      .delete('/account/sessions/others')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/account/sessions')
    response.assertSession('auth_web', user.id)
    assert.isFalse(await sessionExists(first))
    assert.isFalse(await sessionExists(second))
    assert.isTrue(await sessionExists(other))
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'sessions.revoked_all')
        .where('subject_id', user.id)
        .first()
    )
  })

  test('logs out everywhere, including here', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const elsewhere = await openSessionElsewhere(user)
    const response = await client
      .delete('/account/sessions/all')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertSessionMissing('auth_web')
    assert.isFalse(await sessionExists(elsewhere))
  })

  test('ending sessions needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const elsewhere = await openSessionElsewhere(user)
    await client.delete('/account/sessions/others').loginAs(user).redirects(0)
    await client.delete(`/account/sessions/${elsewhere}`).loginAs(user).redirects(0)
    assert.isTrue(await sessionExists(elsewhere))
  })
})
