import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import { sessionLimits } from '#config/session'

test.group('Session timeouts', (group) => {
  isolateDatabase(group)

  test('a signed-in session older than the absolute lifetime is ended', async ({ client }) => {
    const user = await UserFactory.create()
    const signedInAt = Date.now() - (sessionLimits.absoluteHours * 3_600_000 + 60_000)
    const response = await client
      .get('/dashboard')
      .loginAs(user)
      .withSession({
        device: { signedInAt, lastSeenAt: Date.now(), ip: '127.0.0.1', userAgent: 'test' },
      })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertFlashMessage('notice', 'Your session expired. Please sign in again.')
  })

  test('a session within its lifetime stays signed in', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .get('/dashboard')
      .loginAs(user)
      .withSession({
        device: {
          signedInAt: Date.now() - 3_600_000,
          lastSeenAt: Date.now(),
          ip: '127.0.0.1',
          userAgent: 'test',
        },
      })

    response.assertStatus(200)
    response.assertTextIncludes(user.name)
  })

  test('a suspended account is signed out on its next request', async ({ client }) => {
    const user = await UserFactory.merge({ status: 'suspended' }).create()
    const response = await client.get('/dashboard').loginAs(user).redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertFlashMessage('notice', 'Your account is not active.')
  })

  test('the session cookie expires after the idle timeout unless renewed', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/login')
    const cookie = response.headers()['set-cookie']
    const sessionCookie = ([] as string[])
      .concat(cookie ?? [])
      .find((line) => line.startsWith('guildhall-session='))
    assert.exists(sessionCookie)
    assert.include(sessionCookie!, `Max-Age=${sessionLimits.idleMinutes * 60}`)
    assert.include(sessionCookie!, 'HttpOnly')
    assert.include(sessionCookie!, 'SameSite=Lax')
  })
})
