import { test } from '@japa/runner'
import type { TestContext } from '@japa/runner/core'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { HealthChecks } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import HealthChecksController from '#controllers/operations/health_checks_controller'
import { QueueCheck } from '#services/operations/queue_check'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Runs `probe` against an instance whose database cannot be reached (a real failure: a database
 * file in a folder that does not exist cannot be opened), the queue storage still answering.
 */
async function withDatabaseDown<T>(probe: () => Promise<T>) {
  db.manager.add('health_broken', {
    client: 'better-sqlite3',
    connection: { filename: '/nonexistent-guildhall-folder/broken.sqlite3' },
    useNullAsDefault: true,
  })
  const checks = new HealthChecks().register([
    new DbCheck(db.connection('health_broken')),
    new QueueCheck(),
  ])
  app.container.swap(HealthChecksController, () => new HealthChecksController(checks))
  try {
    return await probe()
  } finally {
    app.container.restore(HealthChecksController)
    await db.manager.close('health_broken', true)
  }
}

/**
 * An account created outside a rolled-back transaction: the readiness checks query the database
 * on a connection of their own, which a test's open transaction would keep waiting (SQLite has
 * one). Deleted after the test.
 */
async function accountFor(role: 'admin' | 'member', cleanup: TestContext['cleanup']) {
  const user = await (role === 'admin' ? UserFactory.apply('admin') : UserFactory).create()
  cleanup(() => user.delete())
  return user
}

test.group('Operations / health checks', () => {
  test('liveness answers JSON while the process is up', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    // Nothing more: not even since when the instance runs, which dates its last restart.
    assert.deepEqual(response.body(), { status: 'ok' })
    assert.include(response.header('content-type'), 'application/json')
  })

  test('anyone but an admin learns the status only, not what runs the portal', async ({
    client,
    assert,
    cleanup,
  }) => {
    const member = await accountFor('member', cleanup)
    for (const probe of [
      () => client.get('/health/ready'),
      () => client.get('/health/ready').loginAs(member),
    ]) {
      const healthy = await probe()
      healthy.assertStatus(200)
      assert.deepEqual(healthy.body(), { status: 'ok' })
      const down = await withDatabaseDown(probe)
      down.assertStatus(503)
      assert.deepEqual(down.body(), { status: 'error' })
    }
  })

  test('an admin sees each check: the database and the queue storage', async ({
    client,
    assert,
    cleanup,
  }) => {
    const admin = await accountFor('admin', cleanup)
    const response = await client.get('/health/ready').loginAs(admin)
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.isHealthy)
    const names = body.checks.map((check: { name: string }) => check.name)
    assert.isTrue(names.some((name: string) => name.startsWith('Database health check')))
    assert.include(names, 'Queue storage check')
    assert.notProperty(body, 'debugInfo')
  })

  test('an admin sees which check failed and why, without the error behind it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const admin = await accountFor('admin', cleanup)
    const response = await withDatabaseDown(() => client.get('/health/ready').loginAs(admin))
    response.assertStatus(503)
    const body = response.body()
    assert.isFalse(body.isHealthy)
    assert.equal(body.status, 'error')
    const database = body.checks.find((check: { name: string }) =>
      check.name.startsWith('Database')
    )
    assert.equal(database.status, 'error')
    assert.isNotEmpty(database.message)
    assert.notProperty(database.meta, 'error')
    assert.equal(
      body.checks.find((check: { name: string }) => check.name === 'Queue storage check').status,
      'ok'
    )
  })

  test('probes are not rate limited', async ({ client }) => {
    for (let batch = 0; batch < 7; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => client.get('/health/live'))
      )
      responses.forEach((response) => response.assertStatus(200))
    }
  })
})

test.group('Operations / security.txt', () => {
  test('security.txt follows RFC 9116', async ({ client, assert }) => {
    const response = await client.get('/.well-known/security.txt')
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /^text\/plain/)
    const text = response.text()
    assert.match(text, /^Contact: (mailto:|https:)\S+$/m)
    assert.match(text, /^Preferred-Languages: en$/m)
    assert.match(text, /^Canonical: http:\/\/localhost:\d+\/\.well-known\/security\.txt$/m)
    const expires = new Date(text.match(/^Expires: (\S+)$/m)![1])
    const days = (expires.getTime() - Date.now()) / 86_400_000
    assert.isAbove(days, 360)
    assert.isBelow(days, 367)
  })
})

test.group('Operations / dev mailbox', () => {
  test('the dev mailbox does not exist outside development', async ({ client }) => {
    const list = await client.get('/dev/mailbox')
    list.assertStatus(404)
    list.assertTextIncludes('Page not found')
    const show = await client.get('/dev/mailbox/1')
    show.assertStatus(404)
  })
})
