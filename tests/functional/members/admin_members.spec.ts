import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { smtpSink } from '#tests/helpers/mail'
import AuditLog from '#models/audit_log'
import MemberBadge from '#models/member_badge'
import MembershipHistory from '#models/membership_history'
import MembershipType from '#models/membership_type'
import MembershipStatusService from '#services/members/membership_status_service'
import StatisticsService from '#services/members/statistics_service'
import {
  historyOf,
  makeBadge,
  makeMembership,
  makeType,
  randomIp,
  roles,
  unique,
  roleOf,
} from '#tests/functional/members/fixtures'

function assertAbsent(response: { text(): string }, text: string) {
  if (response.text().includes(text)) throw new Error(`The page should not show "${text}"`)
}

test.group('Members / admin list, file and status', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('the list searches and filters by status, type and badge', async ({ client, assert }) => {
    const board = await roles.board()
    const type = await makeType()
    const otherType = await makeType()
    const badge = await makeBadge()
    const name = unique('Zebedee')
    const match = await roles.member()
    match.fullName = `${name} Smith`
    await match.save()
    await makeMembership(match, 'active', { type })
    await MemberBadge.create({ badgeId: badge.id, userId: match.id, awardedAt: DateTime.utc() })
    const other = await roles.member()
    // A fixed name: generated ones may hold an apostrophe, which the page escapes.
    other.fullName = unique('Otto Other')
    await other.save()
    await makeMembership(other, 'grace', { type: otherType })

    const search = await client.get('/admin/members').qs({ q: name.toLowerCase() }).loginAs(board)
    search.assertStatus(200)
    search.assertTextIncludes(`${name} Smith`)
    assertAbsent(search, other.fullName)

    const byType = await client.get('/admin/members').qs({ type: otherType.id }).loginAs(board)
    byType.assertTextIncludes(other.fullName)
    assertAbsent(byType, match.fullName)

    const byBadge = await client.get('/admin/members').qs({ badge: badge.id }).loginAs(board)
    byBadge.assertTextIncludes(match.fullName)
    assertAbsent(byBadge, other.fullName)

    const byStatus = await client
      .get('/admin/members')
      .qs({ status: 'grace', type: otherType.id })
      .loginAs(board)
    byStatus.assertTextIncludes(other.fullName)

    const bad = await client.get('/admin/members').qs({ status: 'nonsense' }).loginAs(board)
    bad.assertStatus(422)
    assert.include(bad.text(), 'Choose a status from the list.')
  })

  test('the board changes a status with a reason; refused transitions say why', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const user = await roles.member()
    const membership = await makeMembership(user, 'active')

    const suspended = await client
      .put(`/admin/members/${membership.id}/status`)
      .header('x-forwarded-for', randomIp())
      .form({ status: 'suspended', reason: 'Unpaid fees for two years' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    suspended.assertStatus(302)
    await membership.refresh()
    assert.equal(membership.status, 'suspended')
    assert.equal(await roleOf(user.id), 'user')
    const mail = await smtpSink.waitFor(user.email, (m) => (m.subject ?? '').includes('suspended'))
    assert.include(mail.text ?? '', 'Unpaid fees for two years')
    const log = await AuditLog.query().where('action', 'membership.status_changed').firstOrFail()
    assert.equal(log.actorId, board.id)

    const refused = await client
      .put(`/admin/members/${membership.id}/status`)
      .form({ status: 'grace', reason: 'Trying' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    assert.equal(refused.flashMessages().error, 'A membership cannot go from suspended to grace.')
    await membership.refresh()
    assert.equal(membership.status, 'suspended')

    const noReason = await client
      .put(`/admin/members/${membership.id}/status`)
      .form({ status: 'active', reason: '' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    assert.property(noReason.flashMessages().inputErrorsBag, 'reason')
  })

  test('a board member cannot change their own membership', async ({ client }) => {
    const board = await roles.board()
    const membership = await makeMembership(board, 'active')
    const response = await client
      .put(`/admin/members/${membership.id}/status`)
      .form({ status: 'suspended', reason: 'Myself' })
      .withCsrfToken()
      .loginAs(board)
    response.assertStatus(403)
  })

  test('the member file shows history and the allowed next statuses only', async ({ client }) => {
    const board = await roles.board()
    const user = await roles.member()
    const membership = await makeMembership(user, 'active')
    await MembershipStatusService.change(membership, 'grace', { reason: 'Expired in test' })
    const response = await client.get(`/admin/members/${membership.id}`).loginAs(board)
    response.assertStatus(200)
    response.assertTextIncludes('active → grace')
    response.assertTextIncludes('Expired in test')
    response.assertTextIncludes('<option value="inactive">inactive</option>')
    assertAbsent(response, '<option value="pending">pending</option>')
  })

  test('badges: awarded and revoked with a note, in the history and the audit log', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const user = await roles.member()
    const membership = await makeMembership(user, 'active')
    const badge = await makeBadge('Founding member')

    await client
      .post(`/admin/members/${membership.id}/badges`)
      .form({ badgeId: badge.id, note: 'Signed the 1998 charter' })
      .withCsrfToken()
      .loginAs(board)
    const again = await client
      .post(`/admin/members/${membership.id}/badges`)
      .form({ badgeId: badge.id })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    assert.include(again.flashMessages().notice, 'already holds')
    assert.lengthOf(await MemberBadge.query().where('user_id', user.id), 1)

    await client
      .delete(`/admin/members/${membership.id}/badges/${badge.id}`)
      .withCsrfToken()
      .loginAs(board)
    assert.lengthOf(await MemberBadge.query().where('user_id', user.id), 0)
    const lines = await historyOf(membership)
    const events = lines.map((line) => line.event)
    assert.deepEqual(events, ['badge_awarded', 'badge_revoked'])
    const [awarded] = await historyOf(membership)
    assert.equal(awarded.reason, 'Signed the 1998 charter')
    assert.equal(awarded.meta?.badge, 'Founding member')
    assert.lengthOf(await AuditLog.query().whereIn('action', ['badge.awarded', 'badge.revoked']), 2)
  })

  test('admins define and edit membership types', async ({ client, assert }) => {
    const admin = await roles.admin()
    const name = unique('Associate')
    await client
      .post('/admin/membership-types')
      .form({
        name,
        fee: '25.50',
        currency: 'eur',
        durationMonths: '24',
        graceDays: '15',
        seats: '0',
        requiresApproval: '1',
      })
      .withCsrfToken()
      .loginAs(admin)
    const type = await MembershipType.findByOrFail('name', name)
    assert.equal(type.feeAmount, 2550)
    assert.equal(type.currency, 'EUR')
    assert.equal(type.durationMonths, 24)
    assert.isTrue(type.requiresApproval)

    await client
      .put(`/admin/membership-types/${type.id}`)
      .form({ name, fee: '0', currency: 'EUR', durationMonths: '', graceDays: '0', seats: '4' })
      .withCsrfToken()
      .loginAs(admin)
    await type.refresh()
    assert.isNull(type.durationMonths)
    assert.equal(type.seats, 4)
    assert.isFalse(type.requiresApproval)
    const page = await client.get('/admin/membership-types').loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes(`Edit ${name}`)
  })

  test('a membership type name (or slug) already taken is refused next to the field, with the other errors', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const taken = await makeType({ name: 'Associate member' })
    const type = await makeType()
    const form = { fee: '10', currency: 'EUR', durationMonths: '12', graceDays: '30', seats: '0' }

    const created = await client
      .post('/admin/membership-types')
      .form({ ...form, name: 'Associate Member!', currency: 'EURO' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    created.assertStatus(302)
    assert.equal(
      created.flashMessage('inputErrorsBag.name.0'),
      'A membership type already has this name.'
    )
    assert.isString(created.flashMessage('inputErrorsBag.currency.0'), 'all mistakes at once')
    assert.equal(created.flashMessages().fee, '10')
    assert.lengthOf(await MembershipType.query().where('slug', taken.slug), 1)

    const renamed = await client
      .put(`/admin/membership-types/${type.id}`)
      .form({ ...form, name: taken.name })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.deepEqual(renamed.flashMessages().inputErrorsBag, {
      name: ['A membership type already has this name.'],
    })
    await type.refresh()
    assert.notEqual(type.name, taken.name)
  })

  test('admins define badges; names are unique', async ({ client, assert }) => {
    const admin = await roles.admin()
    const name = unique('Reviewer')
    await client.post('/admin/badges').form({ name, icon: '📚' }).withCsrfToken().loginAs(admin)
    const duplicate = await client
      .post('/admin/badges')
      .form({ name, icon: '📚' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.deepEqual(duplicate.flashMessages().inputErrorsBag, {
      name: ['A badge already has this name.'],
    })
    const page = await client.get('/admin/badges').loginAs(admin)
    page.assertTextIncludes(name)
  })
})

test.group('Members / bulk actions', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('the first post only shows a confirmation; the confirmed one acts and skips refusals', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const a = await makeMembership(await roles.member(), 'active')
    const b = await makeMembership(await roles.member(), 'grace')
    const c = await makeMembership(await roles.user(), 'inactive')
    const form = {
      'ids[]': [String(a.id), String(b.id), String(c.id)],
      'action': 'status',
      'status': 'suspended',
      'reason': 'Code of conduct',
    }

    const confirm = await client
      .post('/admin/members/bulk')
      .form(form)
      .withCsrfToken()
      .loginAs(board)
    confirm.assertStatus(200)
    confirm.assertTextIncludes('Confirm the bulk action')
    await a.refresh()
    assert.equal(a.status, 'active')

    const done = await client
      .post('/admin/members/bulk')
      .form({ ...form, confirmed: '1' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    assert.equal(
      done.flashMessages().success,
      'Applying this to 3 members. You will receive a report by email when it is done.'
    )
    const report = await smtpSink.waitFor(
      board.email,
      (m) => m.subject === 'Status change: done for 2 members'
    )
    assert.include(report.text ?? '', 'Skipped:')
    assert.include(report.text ?? '', 'cannot go from inactive to suspended')
    await a.refresh()
    await b.refresh()
    await c.refresh()
    assert.deepEqual([a.status, b.status, c.status], ['suspended', 'suspended', 'inactive'])
    assert.lengthOf(await MembershipHistory.query().where('reason', 'Code of conduct'), 2)
  })

  test('a board member’s own membership is skipped by a bulk status change', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const own = await makeMembership(board, 'active')
    const other = await makeMembership(await roles.member(), 'active')
    await client
      .post('/admin/members/bulk')
      .form({
        'ids[]': [String(own.id), String(other.id)],
        'action': 'status',
        'status': 'suspended',
        'reason': 'Dues unpaid',
        'confirmed': '1',
      })
      .withCsrfToken()
      .loginAs(board)
    const report = await smtpSink.waitFor(
      board.email,
      (m) => m.subject === 'Status change: done for 1 member'
    )
    assert.include(report.text ?? '', 'your own membership')
    await own.refresh()
    await other.refresh()
    assert.deepEqual([own.status, other.status], ['active', 'suspended'])
  })

  test('bulk badge award and bulk message (queued, one mail each)', async ({ client, assert }) => {
    const board = await roles.board()
    const first = await roles.member()
    const second = await roles.member()
    const a = await makeMembership(first, 'active')
    const b = await makeMembership(second, 'active')
    const badge = await makeBadge()
    await client
      .post('/admin/members/bulk')
      .form({
        'ids[]': [String(a.id), String(b.id)],
        'action': 'badge',
        'badgeId': String(badge.id),
        'confirmed': '1',
      })
      .withCsrfToken()
      .loginAs(board)
    assert.lengthOf(await MemberBadge.query().where('badge_id', badge.id), 2)
    await smtpSink.waitFor(board.email, (m) => m.subject === 'Badge award: done for 2 members')
    const log = await AuditLog.query().where('action', 'badge.awarded').firstOrFail()
    assert.equal(log.actorId, board.id)
    assert.isNotNull(log.ip, 'the request that asked is kept in the audit log')

    const subject = unique('General assembly')
    await client
      .post('/admin/members/bulk')
      .form({
        'ids[]': [String(a.id), String(b.id)],
        'action': 'message',
        'subject': subject,
        'body': 'The assembly meets on 12 March.\n\nPlease come.',
        'confirmed': '1',
      })
      .withCsrfToken()
      .loginAs(board)
    for (const user of [first, second]) {
      const mail = await smtpSink.waitFor(user.email, (m) => m.subject === subject)
      assert.include(mail.text ?? '', 'The assembly meets on 12 March.')
    }
    assert.exists(await AuditLog.query().where('action', 'membership.messaged').first())
  })

  test('a message without a subject is refused', async ({ client, assert }) => {
    const board = await roles.board()
    const a = await makeMembership(await roles.member(), 'active')
    const response = await client
      .post('/admin/members/bulk')
      .form({ 'ids[]': [String(a.id)], 'action': 'message', 'body': 'Hello' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    response.assertStatus(302)
    assert.property(response.flashMessages().inputErrorsBag, 'subject')
  })
})

test.group('Members / statistics', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('counts by status and type, new and lapsed this month, members over time', async ({
    client,
    assert,
  }) => {
    const before = await StatisticsService.summary()
    const type = await makeType()
    const fresh = await makeMembership(await roles.user(), 'pending', { type, number: null })
    await MembershipStatusService.change(fresh, 'active', { reason: 'Approved' })
    const leaving = await makeMembership(await roles.member(), 'grace', { type })
    await MembershipStatusService.change(leaving, 'inactive', { reason: 'Lapsed' })

    const after = await StatisticsService.summary()
    assert.equal(after.byStatus.active, before.byStatus.active + 1)
    assert.equal(after.byStatus.inactive, before.byStatus.inactive + 1)
    assert.equal(after.newThisMonth, before.newThisMonth + 1)
    assert.equal(after.lapsedThisMonth, before.lapsedThisMonth + 1)
    assert.equal(after.byType.find((row) => row.id === type.id)?.total, 1)
    assert.lengthOf(after.overTime, 12)

    const page = await client.get('/admin/members/statistics').loginAs(await roles.board())
    page.assertStatus(200)
    page.assertTextIncludes('<svg')
    page.assertTextIncludes(DateTime.utc().toFormat('yyyy-MM'))
  })
})
