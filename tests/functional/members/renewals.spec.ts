import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { smtpSink } from '#tests/helpers/mail'
import MembershipReminder from '#models/membership_reminder'
import type User from '#models/user'
import AuditLog from '#models/audit_log'
import RenewalService from '#services/members/renewal_service'
import {
  historyOf,
  makeMembership,
  makeType,
  randomIp,
  roles,
  roleOf,
} from '#tests/functional/members/fixtures'

const today = DateTime.utc().startOf('day')

test.group('Members / renewals and expiry', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)
  group.each.setup(() => smtpSink.clear())

  test('reminders 30 and 7 days ahead and on the day: run twice, one mail each', async ({
    assert,
  }) => {
    const cases = [
      { days: 30, kind: 'days_30', subject: 'within a month' },
      { days: 7, kind: 'days_7', subject: 'within a week' },
      { days: 0, kind: 'expiry_day', subject: 'expires today' },
    ]
    const users: User[] = []
    for (const item of cases) {
      const user = await roles.member()
      users.push(user)
      await makeMembership(user, 'active', { expiresOn: today.plus({ days: item.days }) })
    }
    const far = await roles.member()
    await makeMembership(far, 'active', { expiresOn: today.plus({ days: 90 }) })

    await RenewalService.runDaily(today)
    await RenewalService.runDaily(today)

    for (const [index, item] of cases.entries()) {
      const mail = await smtpSink.waitFor(users[index].email)
      assert.include(mail.subject, item.subject)
      // Give a stray duplicate the time to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.lengthOf(smtpSink.to(users[index].email), 1, item.kind)
    }
    assert.lengthOf(smtpSink.to(far.email), 0)
    assert.lengthOf(
      await MembershipReminder.query().whereIn('kind', ['days_30', 'days_7', 'expiry_day']),
      3
    )
  })

  test('a day missed is caught up without a duplicate', async ({ assert }) => {
    const user = await roles.member()
    const membership = await makeMembership(user, 'active', { expiresOn: today.plus({ days: 25 }) })
    await RenewalService.runDaily(today)
    await RenewalService.runDaily(today.plus({ days: 1 }))
    await smtpSink.waitFor(user.email)
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.lengthOf(smtpSink.to(user.email), 1)
    assert.lengthOf(await MembershipReminder.query().where('membership_id', membership.id), 1)
  })

  test('past expiry → grace (still a member), past the grace period → inactive (user)', async ({
    assert,
  }) => {
    const type = await makeType({ graceDays: 30 })
    const expired = await roles.member()
    const expiredMembership = await makeMembership(expired, 'active', {
      type,
      expiresOn: today.minus({ days: 1 }),
    })
    const lapsed = await roles.member()
    const lapsedMembership = await makeMembership(lapsed, 'grace', {
      type,
      expiresOn: today.minus({ days: 31 }),
    })
    const stillGrace = await roles.member()
    const stillGraceMembership = await makeMembership(stillGrace, 'grace', {
      type,
      expiresOn: today.minus({ days: 29 }),
    })
    const lifetime = await roles.member()
    const lifetimeMembership = await makeMembership(lifetime, 'active', { type, expiresOn: null })

    const first = await RenewalService.runDaily(today)
    const second = await RenewalService.runDaily(today)
    assert.equal(first.expired, 1)
    assert.equal(first.lapsed, 1)
    assert.equal(second.expired + second.lapsed, 0)

    await expiredMembership.refresh()
    await lapsedMembership.refresh()
    await stillGraceMembership.refresh()
    await lifetimeMembership.refresh()
    assert.equal(expiredMembership.status, 'grace')
    assert.equal(await roleOf(expired.id), 'member')
    assert.equal(lapsedMembership.status, 'inactive')
    assert.equal(await roleOf(lapsed.id), 'user')
    assert.equal(stillGraceMembership.status, 'grace')
    assert.equal(lifetimeMembership.status, 'active')
    const [line] = await historyOf(lapsedMembership)
    assert.equal(line.reason, 'The grace period ended')
    assert.isNull(line.actorId)
  })

  test('an admin records a renewal: expiry extended by the type, logged, grace back to active', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType({ durationMonths: 12 })
    const active = await roles.member()
    const expiresOn = today.plus({ days: 10 })
    const activeMembership = await makeMembership(active, 'active', { type, expiresOn })
    const inGrace = await roles.member()
    const graceMembership = await makeMembership(inGrace, 'grace', {
      type,
      expiresOn: today.minus({ days: 5 }),
    })

    for (const membership of [activeMembership, graceMembership]) {
      const response = await client
        .post(`/admin/members/${membership.id}/renewals`)
        .header('x-forwarded-for', randomIp())
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
      response.assertStatus(302)
    }
    await activeMembership.refresh()
    assert.equal(
      activeMembership.expiresOn?.toISODate(),
      expiresOn.plus({ months: 12 }).toISODate()
    )
    const [renewal] = await historyOf(activeMembership)
    assert.equal(renewal.event, 'renewal')
    assert.equal(renewal.actorId, admin.id)
    const [reactivation] = await historyOf(graceMembership)
    assert.equal(reactivation.event, 'renewal')
    assert.equal(reactivation.actorId, admin.id)
    await graceMembership.refresh()
    assert.equal(graceMembership.status, 'active')
    assert.equal(graceMembership.expiresOn?.toISODate(), today.plus({ months: 12 }).toISODate())
    assert.lengthOf(await AuditLog.query().where('action', 'membership.renewed'), 2)
  })

  test('a lifetime or suspended membership cannot be renewed; a board member may not record one', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const lifetime = await makeMembership(await roles.member(), 'active', {
      type: await makeType({ durationMonths: null }),
      expiresOn: null,
    })
    const response = await client
      .post(`/admin/members/${lifetime.id}/renewals`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.equal(response.flashMessages().error, 'A lifetime membership does not need renewing.')

    const suspended = await makeMembership(await roles.user(), 'suspended')
    const refused = await client
      .post(`/admin/members/${suspended.id}/renewals`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.equal(refused.flashMessages().error, 'A suspended membership cannot be renewed.')

    const board = await client
      .post(`/admin/members/${suspended.id}/renewals`)
      .withCsrfToken()
      .loginAs(await roles.board())
    board.assertStatus(403)
  })

  test('an admin may not record a renewal of their own membership', async ({ client, assert }) => {
    const admin = await roles.admin()
    const expiresOn = today.plus({ days: 10 })
    const own = await makeMembership(admin, 'active', { expiresOn })
    const other = await makeMembership(await roles.member(), 'active', { expiresOn })

    const page = await client.get(`/admin/members/${own.id}`).loginAs(admin)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Record a renewal')
    const otherPage = await client.get(`/admin/members/${other.id}`).loginAs(admin)
    assert.include(otherPage.text(), 'Record a renewal')

    const response = await client
      .post(`/admin/members/${own.id}/renewals`)
      .header('x-forwarded-for', randomIp())
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(403)
    await own.refresh()
    assert.equal(own.expiresOn?.toISODate(), expiresOn.toISODate())
    assert.lengthOf(await historyOf(own), 0)
    assert.isNull(await AuditLog.query().where('action', 'membership.renewed').first())
  })
})
