import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { parse } from 'csv-parse/sync'
import AuditLog from '#models/audit_log'
import MemberProfile from '#models/member_profile'
import MemberBadge from '#models/member_badge'
import { DateTime } from 'luxon'
import { neutraliseCell } from '#services/members/export_columns'
import {
  forgetExportLimits,
  makeBadge,
  makeMembership,
  makeType,
  randomIp,
  roles,
} from '#tests/functional/members/fixtures'

function rowsOf(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true })
}

test.group('Members / CSV export', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)
  group.each.teardown(() => forgetExportLimits())

  test('only the chosen columns, with the list filters', async ({ client, assert }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const active = await roles.member()
    await makeMembership(active, 'active', { type, number: '2026-1001' })
    const inactive = await roles.user()
    await makeMembership(inactive, 'inactive', { type, number: '2026-1002' })

    const response = await client
      .get('/admin/members/export.csv')
      .qs({ columns: ['member_number', 'status'], status: 'active', type: type.id })
      .header('x-forwarded-for', randomIp())
      .loginAs(admin)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    assert.include(response.header('content-disposition'), 'attachment')
    const rows = rowsOf(response.text())
    assert.deepEqual(rows, [{ 'Member number': '2026-1001', 'Status': 'active' }])

    const log = await AuditLog.query().where('action', 'membership.exported').firstOrFail()
    assert.equal(log.actorId, admin.id)
    const meta = JSON.parse(log.meta!)
    assert.deepEqual(meta.columns, ['member_number', 'status'])
    assert.equal(meta.filters.status, 'active')
    assert.equal(meta.filters.type, type.id)
  })

  test('the badges column lists each member’s badges by name', async ({ client, assert }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const holder = await roles.member()
    await makeMembership(holder, 'active', { type, number: '2026-2001' })
    await makeMembership(await roles.member(), 'active', { type, number: '2026-2002' })
    for (const name of ['Zeta mentor', 'Alpha founder']) {
      const badge = await makeBadge(name)
      await MemberBadge.create({ badgeId: badge.id, userId: holder.id, awardedAt: DateTime.utc() })
    }

    const response = await client
      .get('/admin/members/export.csv')
      .qs({ columns: ['member_number', 'badges'], type: type.id })
      .header('x-forwarded-for', randomIp())
      .loginAs(admin)
    response.assertStatus(200)
    const badgesOf = Object.fromEntries(
      rowsOf(response.text()).map((row) => [row['Member number'], Object.values(row)[1]])
    )
    assert.deepEqual(badgesOf, { '2026-2001': 'Alpha founder; Zeta mentor', '2026-2002': '' })
  })

  test('a board member gets no email or phone of members who hide them; an admin does', async ({
    client,
    assert,
  }) => {
    const type = await makeType()
    const hidden = await roles.member()
    hidden.merge({ showEmail: false, phone: '+31 6 1234 5678' })
    await hidden.save()
    await makeMembership(hidden, 'active', { type, number: '2026-2001' })
    const shown = await roles.member()
    shown.merge({ showEmail: true, phone: '+31 6 8765 4321' })
    await shown.save()
    await makeMembership(shown, 'active', { type, number: '2026-2002' })

    const read = async (who: 'board' | 'admin') => {
      const response = await client
        .get('/admin/members/export.csv')
        .qs({ columns: ['member_number', 'email', 'phone'], type: type.id })
        .header('x-forwarded-for', randomIp())
        .loginAs(await roles[who]())
      response.assertStatus(200)
      return Object.fromEntries(rowsOf(response.text()).map((row) => [row['Member number'], row]))
    }

    const board = await read('board')
    assert.equal(board['2026-2001'].Email, '')
    assert.equal(board['2026-2001'].Phone, '')
    assert.equal(board['2026-2002'].Email, shown.email)
    const admin = await read('admin')
    assert.equal(admin['2026-2001'].Email, hidden.email)
    assert.equal(admin['2026-2001'].Phone, "'+31 6 1234 5678")
  })

  test('cells that a spreadsheet would run are neutralised', async ({ client, assert }) => {
    const type = await makeType()
    const user = await roles.member()
    user.fullName = '=HYPERLINK("http://evil.example","click")'
    await user.save()
    await makeMembership(user, 'active', { type })
    await MemberProfile.create({
      userId: user.id,
      institution: '@SUM(1+1)',
      position: '-2+3',
      field: '\tTabbed',
      country: 'FR',
    })

    const response = await client
      .get('/admin/members/export.csv')
      .qs({ columns: ['name', 'institution', 'position', 'field', 'country'], type: type.id })
      .header('x-forwarded-for', randomIp())
      .loginAs(await roles.board())
    const [row] = rowsOf(response.text())
    assert.equal(row.Name, `'=HYPERLINK("http://evil.example","click")`)
    assert.equal(row.Institution, "'@SUM(1+1)")
    assert.equal(row.Position, "'-2+3")
    assert.equal(row.Field, "'\tTabbed")
    assert.equal(row.Country, 'FR')
  })

  test('every dangerous first character is neutralised, nothing else', ({ assert }) => {
    for (const value of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) {
      assert.equal(neutraliseCell(value), `'${value}`)
    }
    for (const value of ['Ada', '1-2', 'a=b', '', ' =1']) {
      assert.equal(neutraliseCell(value), value)
    }
  })

  test('no column, or an unknown one, is refused', async ({ client, assert }) => {
    const board = await roles.board()
    const none = await client
      .get('/admin/members/export.csv')
      .header('x-forwarded-for', randomIp())
      .header('referer', '/admin/members/export')
      .loginAs(board)
      .redirects(0)
    none.assertStatus(302)
    assert.property(none.flashMessages().inputErrorsBag, 'columns')
    const unknown = await client
      .get('/admin/members/export.csv')
      .qs({ columns: ['password'] })
      .header('x-forwarded-for', randomIp())
      .loginAs(board)
      .redirects(0)
    unknown.assertStatus(302)
  })

  test('exports are rate-limited per account', async ({ client }) => {
    const board = await roles.board()
    for (let index = 0; index < 10; index++) {
      const response = await client
        .get('/admin/members/export.csv')
        .qs({ columns: ['name'] })
        .header('x-forwarded-for', randomIp())
        .loginAs(board)
      response.assertStatus(200)
    }
    const limited = await client
      .get('/admin/members/export.csv')
      .qs({ columns: ['name'] })
      .header('x-forwarded-for', randomIp())
      .loginAs(board)
    limited.assertStatus(429)
  })
})
