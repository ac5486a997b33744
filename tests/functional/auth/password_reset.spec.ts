import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import { UserFactory } from '#database/factories/user_factory'
import LoginLockoutService from '#services/auth/login_lockout_service'
import SessionRegistry from '#services/auth/session_registry'
import { openSession, randomIp, uniqueEmail } from './helpers.js'

const OLD_PASSWORD = 'correct horse battery staple'
const NEW_PASSWORD = 'marble thistle quantum harbour'

async function requestLink(client: ApiClient, email: string) {
  return client
    .post('/forgot-password')
    .header('x-forwarded-for', randomIp())
    .form({ email })
    .withCsrfToken()
    .redirects(0)
}

async function resetPath(client: ApiClient, user: User) {
  await requestLink(client, user.email)
  const mail = await smtpSink.waitFor(user.email, (m) => m.subject === 'Reset your password')
  smtpSink.messages = smtpSink.messages.filter((message) => message !== mail)
  return new URL(linkIn(mail, '/reset-password/')).pathname
}

async function signIn(client: ApiClient, email: string, password: string, remember = false) {
  return client
    .post('/login')
    .header('x-forwarded-for', randomIp())
    .form({ email, password, ...(remember ? { remember: 'true' } : {}) })
    .withCsrfToken()
    .redirects(0)
}

test.group('Password reset', (group) => {
  isolateDatabase(group)

  test('the answer is the same whether or not the address has an account', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('known') }).create()
    const unknown = uniqueEmail('unknown')

    const known = await requestLink(client, user.email)
    const missing = await requestLink(client, unknown)
    for (const [response, email] of [
      [known, user.email],
      [missing, unknown],
    ] as const) {
      response.assertStatus(302)
      response.assertHeader('location', '/forgot-password')
      assert.equal(
        response.flashMessages().success,
        `If an account exists for ${email}, we sent it a link to choose a new password. The link expires in 1 hour.`
      )
    }
    await smtpSink.waitFor(user.email, (m) => m.subject === 'Reset your password')
    assert.lengthOf(smtpSink.to(unknown), 0)
  })

  test('the form asks for an email address', async ({ client }) => {
    const page = await client.get('/forgot-password')
    page.assertTextIncludes('autocomplete="email"')
    const response = await client
      .post('/forgot-password')
      .header('referer', '/forgot-password')
      .form({ email: 'nope' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/forgot-password')
  })

  test('the link sets a new password once, ends every other session and tells the owner', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('reset') }).create()
    await openSession(user, 'laptop')
    await openSession(user, 'phone')
    await signIn(client, user.email, OLD_PASSWORD, true)
    const registry = await SessionRegistry.collection()
    assert.lengthOf(await registry.tagged(String(user.id)), 2)
    assert.lengthOf(await User.rememberMeTokens.all(user), 1)

    const path = await resetPath(client, user)
    const form = await client.get(path)
    form.assertStatus(200)
    form.assertTextIncludes('autocomplete="new-password"')
    form.assertTextIncludes('<meter id="password-strength"')

    const response = await client
      .post(path)
      .header('x-forwarded-for', randomIp())
      .form({ password: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')

    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    assert.lengthOf(await registry.tagged(String(user.id)), 0)
    assert.lengthOf(await User.rememberMeTokens.all(user), 0)
    assert.exists(
      await AuditLog.query().where('action', 'password.reset').where('subject_id', user.id).first()
    )
    await smtpSink.waitFor(user.email, (m) => m.subject === 'Your password was changed')

    const reused = await client
      .post(path)
      .header('x-forwarded-for', randomIp())
      .form({ password: 'another fine passphrase' })
      .withCsrfToken()
    reused.assertStatus(410)
    reused.assertTextIncludes('This link no longer works')
    await user.refresh()
    assert.isTrue(await user.verifyPassword(NEW_PASSWORD))
    const reopened = await client.get(path)
    reopened.assertStatus(410)

    const withOld = await signIn(client, user.email, OLD_PASSWORD)
    withOld.assertHeader('location', '/login')
    const withNew = await signIn(client, user.email, NEW_PASSWORD)
    withNew.assertHeader('location', '/dashboard')
  })

  test('the link expires after an hour', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('expired') }).create()
    const path = await resetPath(client, user)
    const row = await db
      .from('user_tokens')
      .where('user_id', user.id)
      .where('purpose', 'password_reset')
      .firstOrFail()
    const minutes = DateTime.fromJSDate(new Date(row.expires_at)).diff(
      DateTime.fromJSDate(new Date(row.created_at)),
      'minutes'
    ).minutes
    assert.closeTo(minutes, 60, 1)

    await db
      .from('user_tokens')
      .where('id', row.id)
      .update({ expires_at: DateTime.utc().minus({ seconds: 1 }).toSQL() })
    const page = await client.get(path)
    page.assertStatus(410)
    page.assertTextIncludes('Request a new link')
    const post = await client
      .post(path)
      .header('x-forwarded-for', randomIp())
      .form({ password: NEW_PASSWORD })
      .withCsrfToken()
    post.assertStatus(410)
    await user.refresh()
    assert.isTrue(await user.verifyPassword(OLD_PASSWORD))
  })

  test('the new password follows the same rules as at sign-up', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('weak') }).create()
    const path = await resetPath(client, user)
    for (const [password, message] of [
      ['short', 'at least 12'],
      ['1q2w3e4r5t6y', 'commonly used'],
    ]) {
      const response = await client
        .post(path)
        .header('x-forwarded-for', randomIp())
        .header('referer', path)
        .form({ password })
        .withCsrfToken()
        .redirects(0)
      response.assertHeader('location', path)
      assert.include(response.flashMessage('inputErrorsBag.password.0'), message)
    }
    await user.refresh()
    assert.isTrue(await user.verifyPassword(OLD_PASSWORD))
    // A refused password does not use up the link.
    const form = await client.get(path)
    form.assertStatus(200)
  })

  test('a reset lifts a lockout', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('lockedout') }).create()
    for (let i = 0; i < 5; i++) {
      await signIn(client, user.email, `wrong ${i}`)
    }
    assert.isAbove(await LoginLockoutService.lockedFor(user.email), 0)
    const path = await resetPath(client, user)
    await client
      .post(path)
      .header('x-forwarded-for', randomIp())
      .form({ password: NEW_PASSWORD })
      .withCsrfToken()
    assert.equal(await LoginLockoutService.lockedFor(user.email), 0)
    const login = await signIn(client, user.email, NEW_PASSWORD)
    login.assertHeader('location', '/dashboard')
  })

  test('requests for links are rate limited per IP', async ({ client, assert }) => {
    const ip = randomIp()
    for (let i = 0; i < 5; i++) {
      const response = await client
        .post('/forgot-password')
        .header('x-forwarded-for', ip)
        .form({ email: uniqueEmail('flood') })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }
    const limited = await client
      .post('/forgot-password')
      .header('x-forwarded-for', ip)
      .header('accept', 'text/html')
      .form({ email: uniqueEmail('flood') })
      .withCsrfToken()
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
  })
})
