import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import AuditLogService from '#services/audit/audit_log_service'
import {
  closeOpenedSessions,
  emailChangeLink,
  openSessionElsewhere,
  randomIp,
  sessionExists,
  uniqueEmail,
  withAvatar,
} from '#tests/functional/account/helpers'

const PASSWORD = 'correct horse battery staple'

/** A sign-in with a wrong password, which the audit trail records with the typed address. */
function failSignIn(client: ApiClient, email: string) {
  return client
    .post('/login')
    .header('x-forwarded-for', randomIp())
    .form({ email, password: 'a wrong guess here' })
    .withCsrfToken()
    .redirects(0)
}

test.group('Account / delete my account', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'account_password')
  group.each.teardown(() => closeOpenedSessions())

  test('erases the personal data, ends every session and logs out', async ({ client, assert }) => {
    const email = uniqueEmail('leaving')
    const user = await UserFactory.merge({
      email,
      displayName: 'Leaving Soon',
      bio: 'Bye',
      phone: '+1 555 0100',
      timezone: 'Europe/Rome',
      profileVisibility: 'public',
      showEmail: true,
    }).create()
    const avatarKey = await withAvatar(user, client)
    const elsewhere = await openSessionElsewhere(user)
    await db.table('remember_me_tokens').insert({
      tokenable_id: user.id,
      hash: 'x'.repeat(64),
      created_at: new Date(),
      updated_at: new Date(),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    await AuditLogService.record({ action: 'login.succeeded', actor: user, subject: user }, null)

    const page = await client.get('/account/delete').loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('Type DELETE to confirm')

    const response = await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    response.assertSessionMissing('auth_web')

    await user.refresh()
    assert.equal(user.fullName, 'Former member')
    assert.equal(user.name, 'Former member')
    assert.equal(user.email, `deleted-${user.id}@invalid`)
    assert.equal(user.status, 'disabled')
    assert.isNull(user.displayName)
    assert.isNull(user.bio)
    assert.isNull(user.phone)
    assert.isNull(user.timezone)
    assert.isNull(user.avatarKey)
    assert.isFalse(user.showEmail)
    assert.equal(user.profileVisibility, 'private')
    assert.isFalse(await drive.use().exists(avatarKey))
    assert.isFalse(await sessionExists(elsewhere))
    const tokens = await db.from('remember_me_tokens').where('tokenable_id', user.id)
    assert.lengthOf(tokens, 0)

    const audits = await AuditLog.query().where('subject_id', user.id)
    assert.isTrue(audits.every((entry) => entry.subjectEmail !== email))
    assert.isTrue(audits.some((entry) => entry.action === 'account.deleted'))

    const login = await client
      .post('/login')
      .header('x-forwarded-for', randomIp())
      .form({ email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertSessionMissing('auth_web')
    const placeholderLogin = await client
      .post('/login')
      .header('x-forwarded-for', randomIp())
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    placeholderLogin.assertSessionMissing('auth_web')
  })

  test('the address leaves the failed sign-ins and other entries naming it; other addresses stay', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('ann') }).create()
    const other = await UserFactory.merge({ email: `jo${user.email}` }).create()
    const board = await UserFactory.create()
    for (const email of [user.email, other.email]) {
      await failSignIn(client, email)
      await AuditLogService.record({
        action: 'seat.invited',
        actor: board,
        meta: { membershipId: 1, email },
      })
    }

    await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()

    const entries = await AuditLog.query().whereIn('action', ['login.failed', 'seat.invited'])
    const named = (email: string) =>
      entries.filter(
        (entry) =>
          entry.subjectEmail === email || (entry.meta && JSON.parse(entry.meta).email === email)
      )
    assert.lengthOf(named(user.email), 0)
    assert.lengthOf(named(other.email), 2)
    const failed = entries.filter((entry) => entry.action === 'login.failed')
    assert.lengthOf(failed, 2)
    assert.isNull(failed.find((entry) => entry.subjectEmail === null)!.ip)
    assert.isNotNull(failed.find((entry) => entry.subjectEmail === other.email)!.ip)
    const invitations = entries.filter((entry) => entry.action === 'seat.invited')
    assert.sameDeepMembers(
      invitations.map((entry) => JSON.parse(entry.meta!)),
      [
        { membershipId: 1, email: null },
        { membershipId: 1, email: other.email },
      ]
    )
  })

  test('a former address leaves the failed sign-ins made while it was theirs, not those of its next owner', async ({
    client,
    assert,
  }) => {
    const former = uniqueEmail('former')
    const current = uniqueEmail('current')
    const user = await UserFactory.merge({ email: former }).create()

    await failSignIn(client, former.toUpperCase())
    const link = await emailChangeLink(client, user, current, PASSWORD)
    await client.get(link).loginAs(user).redirects(0)
    await user.refresh()
    assert.equal(user.email, current)
    await UserFactory.merge({ email: former }).create()
    await failSignIn(client, former)

    await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()

    const failed = await AuditLog.query().where('action', 'login.failed').orderBy('id', 'asc')
    assert.lengthOf(failed, 2)
    const [whileTheirs, afterwards] = failed
    assert.isNull(whileTheirs.subjectEmail)
    assert.isNull(whileTheirs.ip)
    assert.equal(afterwards.subjectEmail, former)
    assert.isNotNull(afterwards.ip)
  })

  test("the account's own address changes keep neither the old nor the new address", async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('moved') }).create()
    const former = uniqueEmail('former')
    await AuditLogService.record({
      action: 'email.changed',
      actor: user,
      subject: user,
      meta: { from: former, to: user.email },
    })

    await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()

    const change = await AuditLog.query()
      .where('action', 'email.changed')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.isNull(change.meta)
    assert.isNull(change.subjectEmail)
  })

  test('the deletion is recorded without the IP and browser it came from', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    await client
      .delete('/account')
      .header('x-forwarded-for', '198.51.100.23')
      .header('user-agent', 'Mozilla/5.0 (Leaving) Firefox/128.0')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()

    const entry = await AuditLog.query()
      .where('action', 'account.deleted')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.equal(entry.actorId, user.id)
    assert.isNull(entry.ip)
    assert.isNull(entry.userAgent)
  })

  test('a session still open after deletion is no longer signed in', async ({ client }) => {
    const user = await UserFactory.create()
    await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()
    const response = await client
      .get('/account/profile')
      .loginAs(await User.findOrFail(user.id))
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('needs the correct password', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .delete('/account')
      .form({ currentPassword: 'definitely not it', confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/account/delete')
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.currentPassword, ['The current password is not correct.'])
    assert.equal(flash.confirmation, 'DELETE')
    await user.refresh()
    assert.equal(user.status, 'active')
    assert.notEqual(user.fullName, 'Former member')
  })

  test('needs the typed confirmation', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'delete please' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.confirmation, ['Type DELETE to confirm.'])
    await user.refresh()
    assert.equal(user.status, 'active')
  })

  test('needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .redirects(0)
    await user.refresh()
    assert.equal(user.status, 'active')
  })
})
