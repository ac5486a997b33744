import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import AuditLog from '#models/audit_log'

test.group('Admin area / audit log', (group) => {
  isolateDatabase(group)

  async function seed() {
    const admin = await UserFactory.merge({ email: 'root@guild.example', timezone: 'Europe/Paris' })
      .apply('admin')
      .create()
    const other = await UserFactory.merge({ email: 'other-admin@guild.example' })
      .apply('admin')
      .create()
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' })
    await AuditLog.createMany([
      {
        action: 'role.changed',
        actorId: admin.id,
        subjectEmail: 'ada@members.example',
        ip: '203.0.113.7',
        userAgent: 'Firefox/140.0',
        meta: JSON.stringify({ from: 'member', to: 'board' }),
        createdAt: at('2026-03-10T09:00:00'),
      },
      {
        action: 'status.changed',
        actorId: other.id,
        subjectEmail: 'charles@members.example',
        ip: '198.51.100.2',
        meta: JSON.stringify({ from: 'active', to: 'suspended' }),
        createdAt: at('2026-03-12T23:30:00'),
      },
      {
        action: 'login.failed',
        subjectEmail: 'ada@members.example',
        createdAt: at('2026-03-15T12:00:00'),
      },
    ])
    return admin
  }

  test('admins see who did what, from where, in their own time zone', async ({ client }) => {
    const admin = await seed()
    const response = await client.get('/admin/audit').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('role.changed')
    response.assertTextIncludes('root@guild.example')
    response.assertTextIncludes('203.0.113.7')
    response.assertTextIncludes('Firefox/140.0')
    response.assertTextIncludes(
      '{&quot;from&quot;:&quot;member&quot;,&quot;to&quot;:&quot;board&quot;}'
    )
    // 09:00 UTC is 10:00 in Paris in March.
    response.assertTextIncludes('10 Mar 2026, 10:00')
    response.assertTextIncludes('Times are shown in Europe/Paris')
  })

  test('filters by action, actor, subject and days', async ({ client, assert }) => {
    const admin = await seed()
    const rows = async (qs: Record<string, string>) => {
      const response = await client.get('/admin/audit').qs(qs).loginAs(admin)
      response.assertStatus(200)
      return [...response.text().matchAll(/<th scope="row"><code>([\w.]+)<\/code><\/th>/g)].map(
        (match) => match[1]
      )
    }

    assert.deepEqual(await rows({ action: 'status.changed' }), ['status.changed'])
    assert.deepEqual(await rows({ actor: 'other-admin' }), ['status.changed'])
    assert.deepEqual(await rows({ subject: 'ada@' }), ['login.failed', 'role.changed'])
    assert.deepEqual(await rows({ from: '2026-03-10', to: '2026-03-11' }), ['role.changed'])
    // 23:30 UTC on the 12th is already the 13th in Paris, the admin's zone.
    assert.deepEqual(await rows({ from: '2026-03-11', to: '2026-03-12' }), [])
    assert.deepEqual(await rows({ from: '2026-03-13', to: '2026-03-13' }), ['status.changed'])
    assert.deepEqual(await rows({ subject: 'ada@', from: '2026-03-14' }), ['login.failed'])
  })

  test('invalid filters answer 422 with messages', async ({ client }) => {
    const admin = await seed()
    const badAction = await client.get('/admin/audit').qs({ action: 'everything' }).loginAs(admin)
    badAction.assertStatus(422)
    badAction.assertTextIncludes('id="filter-action-error"')

    const backwards = await client
      .get('/admin/audit')
      .qs({ from: '2026-03-12', to: '2026-03-01' })
      .loginAs(admin)
    backwards.assertStatus(422)
    backwards.assertTextIncludes('id="filter-to-error"')
  })

  test('the log is paginated, keeping the filters in the page links', async ({
    client,
    assert,
  }) => {
    const admin = await seed()
    await AuditLog.createMany(
      Array.from({ length: 55 }, () => ({
        action: 'login.succeeded' as const,
        subjectEmail: 'busy@members.example',
      }))
    )
    const first = await client.get('/admin/audit').qs({ action: 'login.succeeded' }).loginAs(admin)
    assert.lengthOf([...first.text().matchAll(/<tr data-event=/g)], 50)
    first.assertTextIncludes('href="/admin/audit?action=login.succeeded&amp;page=2"')
    const second = await client
      .get('/admin/audit')
      .qs({ action: 'login.succeeded', page: 2 })
      .loginAs(admin)
    assert.lengthOf([...second.text().matchAll(/<tr data-event=/g)], 5)
  })
})
