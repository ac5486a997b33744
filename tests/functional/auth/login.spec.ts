import { test } from '@japa/runner'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { randomIp, sessionIdOf, uniqueEmail } from './helpers.js'

const PASSWORD = 'correct horse battery staple'

test.group('Login and logout', (group) => {
  isolateDatabase(group)

  test('the login form has labelled fields with autocomplete hints', async ({ client }) => {
    const response = await client.get('/login')
    response.assertStatus(200)
    response.assertTextIncludes('<label for="field-email">Email</label>')
    response.assertTextIncludes('autocomplete="username"')
    response.assertTextIncludes('autocomplete="current-password"')
    response.assertTextIncludes('name="remember"')
    response.assertTextIncludes('href="/forgot-password"')
  })

  test('a member logs in, lands on the dashboard, and the sign-in is recorded', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    const ip = randomIp()
    const response = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/dashboard')
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)
    assert.exists(
      await AuditLog.query().where('action', 'login.succeeded').where('subject_id', user.id).first()
    )

    assert.equal(response.session('auth_web'), user.id)
    assert.equal(response.session('device.ip'), ip)
  })

  test('the session id changes at login', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    const request = client
      .post('/login')
      .header('x-forwarded-for', randomIp())
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    const visitorSession = request.sessionClient.sessionId
    const response = await request
    response.assertHeader('location', '/dashboard')
    const signedInSession = sessionIdOf(response)
    assert.isString(signedInSession)
    assert.notEqual(signedInSession, visitorSession)
  })

  test('a wrong password and an unknown address get the same answer', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    const unknown = uniqueEmail('nobody')
    const ip = randomIp()

    const wrong = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email: user.email, password: 'not the right password' })
      .withCsrfToken()
      .redirects(0)
    const missing = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email: unknown, password: 'not the right password' })
      .withCsrfToken()
      .redirects(0)

    for (const response of [wrong, missing]) {
      response.assertStatus(302)
      response.assertHeader('location', '/login')
      assert.equal(response.flashMessages().error, 'Incorrect email or password.')
    }
    assert.equal(wrong.flashMessages().email, user.email)

    const failures = await AuditLog.query()
      .where('action', 'login.failed')
      .whereIn('subject_email', [user.email, unknown])
    assert.lengthOf(failures, 2)

    const page = await client.get('/login').withFlashMessages(wrong.flashMessages())
    page.assertTextIncludes('Incorrect email or password.')
    page.assertTextIncludes(`value="${user.email}"`)
  })

  test('a disabled or suspended account cannot log in, even with the right password', async ({
    client,
    assert,
  }) => {
    for (const status of ['disabled', 'suspended'] as const) {
      const user = await UserFactory.merge({ email: uniqueEmail(status), status }).create()
      const response = await client
        .post('/login')
        .header('x-forwarded-for', randomIp())
        .form({ email: user.email, password: PASSWORD })
        .withCsrfToken()
        .redirects(0)
      response.assertHeader('location', '/login')
      assert.equal(
        response.flashMessages().error,
        'This account cannot sign in. Please contact the association.'
      )
      assert.notProperty(response.session(), 'auth_web')
    }
  })

  test('"keep me signed in" sets a remember-me cookie, and only when asked', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    const ip = randomIp()
    const remembered = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email: user.email, password: PASSWORD, remember: 'true' })
      .withCsrfToken()
      .redirects(0)
    assert.exists(remembered.cookie('remember_web'))
    const tokens = await User.rememberMeTokens.all(user)
    assert.lengthOf(tokens, 1)

    const plain = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    assert.notProperty(plain.session(), 'remember_web')
    assert.notOk(plain.cookie('remember_web')?.value)
    assert.lengthOf(await User.rememberMeTokens.all(user), 1)
  })

  test('logging out ends the session', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    const request = client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    const session = request.sessionClient.sessionId
    const logout = await request
    logout.assertStatus(302)
    logout.assertHeader('location', '/')
    assert.notProperty(logout.session(), 'auth_web')
    assert.notEqual(sessionIdOf(logout), session)
    assert.equal(logout.flashMessages().success, 'You are logged out.')
  })

  test('a signed-in member is sent from the login and sign-up pages to the dashboard', async ({
    client,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail() }).create()
    for (const path of ['/login', '/register']) {
      const response = await client.get(path).loginAs(user).redirects(0)
      response.assertHeader('location', '/dashboard')
    }
  })

  test('/.well-known/change-password leads to the change-password form', async ({ client }) => {
    const response = await client.get('/.well-known/change-password').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/password')
  })
})
