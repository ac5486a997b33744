import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { UserFactory } from '#database/factories/user_factory'
import LoginLockoutService from '#services/auth/login_lockout_service'
import { randomIp, uniqueEmail } from './helpers.js'

const PASSWORD = 'correct horse battery staple'

function attempt(client: ApiClient, email: string, password: string, ip = randomIp()) {
  return client
    .post('/login')
    .header('x-forwarded-for', ip)
    .header('accept', 'text/html')
    .form({ email, password })
    .withCsrfToken()
    .redirects(0)
}

async function failTimes(client: ApiClient, email: string, times: number, ip?: string) {
  let last
  for (let i = 0; i < times; i++) {
    last = await attempt(client, email, `wrong password ${i}`, ip)
  }
  return last!
}

/**
 * Lets a lock run out now: re-blocks the key for one second on the store itself (works the
 * same on the database and Redis stores), then waits for it to lapse.
 */
async function expireLock(email: string) {
  await LoginLockoutService.failures().block(LoginLockoutService.accountKey(email), 1)
  await new Promise((resolve) => setTimeout(resolve, 1_100))
}

test.group('Account lockout', (group) => {
  isolateDatabase(group)

  test('five wrong passwords lock the account; the right one is then refused with when to retry', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('locked') }).create()

    const fourth = await failTimes(client, user.email, 4)
    assert.equal(fourth.flashMessages().error, 'Incorrect email or password.')

    const fifth = await attempt(client, user.email, 'still wrong')
    assert.include(fifth.flashMessages().error, 'Try again in 15 minutes')

    const sixth = await attempt(client, user.email, PASSWORD)
    sixth.assertHeader('location', '/login')
    assert.include(sixth.flashMessages().error, 'Try again in 15 minutes')

    const page = await client.get('/login').withFlashMessages(sixth.flashMessages())
    page.assertTextIncludes('sign-in to this account is paused. Try again in 15 minutes')

    assert.exists(
      await AuditLog.query().where('action', 'account.locked').where('subject_id', user.id).first()
    )
    const mail = await smtpSink.waitFor(user.email, (m) =>
      (m.subject ?? '').startsWith('Your account was locked')
    )
    assert.include(mail.text, 'locked for 15 minutes')
  })

  test('failures from many addresses still count against the one account', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('rotating') }).create()
    await failTimes(client, user.email, 5)
    const response = await attempt(client, user.email, PASSWORD)
    assert.include(response.flashMessages().error, 'Try again in')
  })

  test('a successful sign-in resets the failure count', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('reset') }).create()
    await failTimes(client, user.email, 4)
    const success = await attempt(client, user.email, PASSWORD)
    success.assertHeader('location', '/dashboard')
    const next = await failTimes(client, user.email, 4)
    assert.equal(next.flashMessages().error, 'Incorrect email or password.')
  })

  test('the account opens again when the lock runs out', async ({ client }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('expiry') }).create()
    await failTimes(client, user.email, 5)
    await expireLock(user.email)
    const response = await attempt(client, user.email, PASSWORD)
    response.assertHeader('location', '/dashboard')
  })

  test('a second lock within a day lasts twice as long', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('repeat') }).create()
    const first = await failTimes(client, user.email, 5)
    assert.include(first.flashMessages().error, 'Try again in 15 minutes')
    await expireLock(user.email)

    const second = await failTimes(client, user.email, 5)
    assert.include(second.flashMessages().error, 'Try again in 30 minutes')
    const refused = await attempt(client, user.email, PASSWORD)
    assert.include(refused.flashMessages().error, 'Try again in 30 minutes')

    const mail = await smtpSink.waitFor(
      user.email,
      (m) =>
        (m.subject ?? '').startsWith('Your account was locked') &&
        (m.text ?? '').includes('30 minutes')
    )
    assert.exists(mail)
  })

  test('an unknown address locks the same way, so a lock reveals nothing', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('ghost')
    const fifth = await failTimes(client, email, 5)
    assert.include(fifth.flashMessages().error, 'Try again in 15 minutes')
    assert.lengthOf(smtpSink.to(email), 0)
  })

  test('the board can lift a lock early, and it is audited', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('unlock') }).create()
    const admin = await UserFactory.apply('admin')
      .merge({ email: uniqueEmail('admin') })
      .create()
    await failTimes(client, user.email, 5)
    assert.isAbove(await LoginLockoutService.lockedFor(user.email), 0)

    await LoginLockoutService.unlock(user, admin)
    assert.equal(await LoginLockoutService.lockedFor(user.email), 0)
    const entry = await AuditLog.query()
      .where('action', 'account.unlocked')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.equal(entry.actorId, admin.id)

    const response = await attempt(client, user.email, PASSWORD)
    response.assertHeader('location', '/dashboard')
  })

  test('one IP failing across many accounts is throttled with 429 and Retry-After', async ({
    client,
    assert,
  }) => {
    const ip = randomIp()
    for (let i = 0; i < 30; i++) {
      await attempt(client, uniqueEmail(`stuffing${i}`), 'guessed password', ip)
    }
    const user = await UserFactory.merge({ email: uniqueEmail('victim') }).create()
    const response = await attempt(client, user.email, PASSWORD, ip)
    response.assertStatus(429)
    assert.isAbove(Number(response.header('retry-after')), 0)
    response.assertTextIncludes('Slow down')

    const elsewhere = await attempt(client, user.email, PASSWORD)
    elsewhere.assertHeader('location', '/dashboard')
  })
})
