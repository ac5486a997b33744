import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import type User from '#models/user'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import { UserFactory } from '#database/factories/user_factory'
import EmailVerificationService from '#services/auth/email_verification_service'
import { randomIp, uniqueEmail } from './helpers.js'

async function mailedLink(user: User) {
  await EmailVerificationService.send(user)
  const mail = await smtpSink.waitFor(user.email, (m) => m.subject === 'Confirm your email address')
  smtpSink.messages = smtpSink.messages.filter((message) => message !== mail)
  return new URL(linkIn(mail, '/verify-email/')).pathname
}

test.group('Email verification', (group) => {
  isolateDatabase(group)

  test('the link confirms the address once; used again it shows a clear page', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    const path = await mailedLink(user)

    const first = await client.get(path).redirects(0)
    first.assertStatus(302)
    first.assertHeader('location', '/login')
    assert.include(first.flashMessages().success, 'confirmed')
    await user.refresh()
    assert.isNotNull(user.emailVerifiedAt)

    const again = await client.get(path)
    again.assertStatus(410)
    again.assertTextIncludes('This link no longer works')
    again.assertTextIncludes('Log in to get a new link')
  })

  test('a signed-in member who follows the link goes on to the dashboard', async ({ client }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    const path = await mailedLink(user)
    const response = await client.get(path).loginAs(user).redirects(0)
    response.assertHeader('location', '/dashboard')
  })

  test('an expired link is refused', async ({ client, assert }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    const path = await mailedLink(user)
    await db
      .from('user_tokens')
      .where('user_id', user.id)
      .update({ expires_at: DateTime.utc().minus({ minutes: 1 }).toSQL() })

    const response = await client.get(path).loginAs(user)
    response.assertStatus(410)
    response.assertTextIncludes('expire after 24 hours')
    response.assertTextIncludes('Send me a new link')
    await user.refresh()
    assert.isNull(user.emailVerifiedAt)
  })

  test('links last 24 hours', async ({ assert }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    await mailedLink(user)
    const row = await db.from('user_tokens').where('user_id', user.id).firstOrFail()
    const hours = DateTime.fromJSDate(new Date(row.expires_at)).diff(
      DateTime.fromJSDate(new Date(row.created_at)),
      'hours'
    ).hours
    assert.closeTo(hours, 24, 0.1)
  })

  test('an unverified member is kept out of member areas and can ask for a new link', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()

    const dashboard = await client.get('/dashboard').loginAs(user).redirects(0)
    dashboard.assertStatus(302)
    dashboard.assertHeader('location', '/verify-email')

    const notice = await client.get('/verify-email').loginAs(user)
    notice.assertTextIncludes(user.email)
    notice.assertTextIncludes('Send me a new link')

    const resend = await client
      .post('/verify-email')
      .header('x-forwarded-for', randomIp())
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    resend.assertHeader('location', '/verify-email')
    const mail = await smtpSink.waitFor(
      user.email,
      (m) => m.subject === 'Confirm your email address'
    )
    const verified = await client.get(new URL(linkIn(mail, '/verify-email/')).pathname).redirects(0)
    verified.assertStatus(302)
    await user.refresh()
    assert.isTrue(user.isVerified)
  })

  test('a new link voids the previous one', async ({ client }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    const old = await mailedLink(user)
    await mailedLink(user)
    const response = await client.get(old)
    response.assertStatus(410)
  })

  test('asking for new links is rate limited', async ({ client, assert }) => {
    const user = await UserFactory.apply('unverified').merge({ email: uniqueEmail() }).create()
    // The limit counts per user id, which a rolled-back database hands out again; Redis keeps counters.
    await limiter
      .use({ requests: 3, duration: '15 minutes' })
      .delete(`verification_resend_user_${user.id}`)
    for (let i = 0; i < 3; i++) {
      const response = await client.post('/verify-email').loginAs(user).withCsrfToken().redirects(0)
      response.assertStatus(302)
    }
    const limited = await client
      .post('/verify-email')
      .header('accept', 'text/html')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
  })

  test('visitors cannot ask for a link without signing in', async ({ client }) => {
    const response = await client.post('/verify-email').withCsrfToken().redirects(0)
    response.assertHeader('location', '/login')
  })
})
