import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { HealthChecks } from '@adonisjs/core/health'
import { DbCheck } from '@adonisjs/lucid/database'
import HealthChecksController from '#controllers/operations/health_checks_controller'
import { QueueCheck } from '#services/operations/queue_check'

test.group('Operations / health checks', () => {
  test('liveness answers JSON while the process is up', async ({ client, assert }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    assert.equal(response.body().status, 'ok')
    assert.include(response.header('content-type'), 'application/json')
  })

  test('readiness checks the database and the queue storage', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const body = response.body()
    assert.isTrue(body.isHealthy)
    const names = body.checks.map((check: { name: string }) => check.name)
    assert.isTrue(names.some((name: string) => name.startsWith('Database health check')))
    assert.include(names, 'Queue storage check')
    assert.notProperty(body, 'debugInfo')
  })

  test('readiness answers 503 when a dependency is down, without exposing the error', async ({
    assert,
  }) => {
    // A real failure: a database file in a folder that does not exist cannot be opened.
    db.manager.add('health_broken', {
      client: 'better-sqlite3',
      connection: { filename: '/nonexistent-guildhall-folder/broken.sqlite3' },
      useNullAsDefault: true,
    })
    try {
      const checks = new HealthChecks().register([
        new DbCheck(db.connection('health_broken')),
        new QueueCheck(),
      ])
      const ctx = await testUtils.createHttpContext()
      await new HealthChecksController(checks).ready(ctx)

      assert.equal(ctx.response.getStatus(), 503)
      const body = ctx.response.getBody()
      assert.isFalse(body.isHealthy)
      assert.equal(body.status, 'error')
      const database = body.checks.find((check: { name: string }) =>
        check.name.startsWith('Database')
      )
      assert.equal(database.status, 'error')
      assert.notProperty(database.meta, 'error')
      assert.notInclude(JSON.stringify(body), 'nonexistent-guildhall-folder')
      assert.equal(
        body.checks.find((check: { name: string }) => check.name === 'Queue storage check').status,
        'ok'
      )
    } finally {
      await db.manager.close('health_broken', true)
    }
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
