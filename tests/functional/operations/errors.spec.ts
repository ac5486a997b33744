import { test } from '@japa/runner'
import { randomInt } from 'node:crypto'
import router from '@adonisjs/core/services/router'
import limiter from '@adonisjs/limiter/services/main'
import type { errors } from '@adonisjs/limiter'
import type { ApiClient } from '@japa/api-client'
import { explainLimit } from '#exceptions/limit_explanation'
import { join } from 'node:path'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { AppProcess, freePort } from '#tests/helpers/processes'

const SECRET = 'connection string postgres://admin:hunter2@db.internal'

// A route that fails the way a bug would, registered only for this test run.
router.get('/__tests/operations/crash', () => {
  throw new Error(`Cannot reach ${SECRET}`)
})

// Limits of one request a minute, registered only for this test run.
function onceAMinute(name: string, limitExceeded?: (error: errors.ThrottleException) => void) {
  const throttle = limiter.define(name, (ctx) => {
    const limit = limiter
      .allowRequests(1)
      .every('1 minute')
      .usingKey(`ip_${ctx.request.ip()}`)
      .store('memory')
    return limitExceeded ? limit.limitExceeded(limitExceeded) : limit
  })
  router.get(`/__tests/operations/limits/${name}`, () => 'ok').use(throttle)
  return async (client: ApiClient) => {
    const ip = `198.51.100.${randomInt(1, 255)}`
    const first = await client
      .get(`/__tests/operations/limits/${name}`)
      .header('x-forwarded-for', ip)
    first.assertStatus(200)
    return client.get(`/__tests/operations/limits/${name}`).header('x-forwarded-for', ip)
  }
}

const GENERIC_REASON = 'Too many requests in a short time. Please wait a moment and try again.'
const unexplainedLimit = onceAMinute('unexplained')
// Any message but an explanation, such as the limiter's default worded otherwise some day.
const rewordedLimit = onceAMinute('reworded', (error) =>
  error.setMessage('Request quota reached for this key')
)
const explainedLimit = onceAMinute(
  'explained',
  explainLimit(() => 'This page answers once a minute.')
)

function assertNoInternals(assert: any, html: string) {
  assert.notInclude(html, SECRET)
  assert.notInclude(html, 'hunter2')
  assert.notMatch(html, /\bat \S+ \(.*:\d+:\d+\)/)
  assert.notInclude(html, 'node_modules')
  assert.notInclude(html, '/app/')
}

test.group('Operations / error pages', () => {
  test('a crash shows the friendly 500 page with the request id and nothing of the internals', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/__tests/operations/crash')
    response.assertStatus(500)
    response.assertTextIncludes('Something went wrong')
    const requestId = response.header('x-request-id')!
    assert.match(requestId, /^[\w-]{10,}$/)
    response.assertTextIncludes(`<code>${requestId}</code>`)
    assertNoInternals(assert, response.text())
  })

  test('an unknown page shows the friendly 404 page with the request id', async ({ client }) => {
    const response = await client.get('/no/such/page')
    response.assertStatus(404)
    response.assertTextIncludes('Page not found')
    response.assertTextIncludes(`<code>${response.header('x-request-id')}</code>`)
  })
})

test.group('Operations / the 429 page', () => {
  test('a limit that does not explain itself gets the general reason only', async ({
    client,
    assert,
  }) => {
    for (const limited of [await unexplainedLimit(client), await rewordedLimit(client)]) {
      limited.assertStatus(429)
      limited.assertTextIncludes('Slow down')
      limited.assertTextIncludes(GENERIC_REASON)
      assert.notInclude(limited.text(), 'Request quota reached')
      assert.isAbove(Number(limited.header('retry-after')), 0)
    }
  })

  test('a limit that explains itself is quoted instead', async ({ client, assert }) => {
    const limited = await explainedLimit(client)
    limited.assertStatus(429)
    limited.assertTextIncludes('This page answers once a minute.')
    assert.notInclude(limited.text(), GENERIC_REASON)
  })
})

test.group('Operations / in production', (group) => {
  let server: AppProcess
  let baseUrl: string
  let folder: string

  group.setup(async () => {
    folder = await mkdtemp(join(tmpdir(), 'guildhall-prod-'))
    const port = await freePort()
    baseUrl = `http://127.0.0.1:${port}`
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: baseUrl,
      APP_KEY: 'production-test-key-0123456789abcdefghijklmnop',
      APP_NAME: 'Guildhall Production Test',
      LOG_LEVEL: 'info',
      DB_CONNECTION: 'sqlite',
      SQLITE_FILE: join(folder, 'production.sqlite3'),
      QUEUE_DRIVER: 'database',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(await freePort()),
      MAIL_FROM_ADDRESS: 'secretary@production-test.example',
      SECURITY_CONTACT: 'mailto:security@production-test.example',
    }
    await new AppProcess(
      'migration:run',
      ['ace.js', 'migration:run', '--force', '--no-schema-generate'],
      env
    )
      .start()
      .completion()
    server = new AppProcess('server', ['--import=@poppinss/ts-exec', 'bin/server.ts'], env).start()
    await server.waitForHttp(`${baseUrl}/health/live`)
    return async () => {
      await server.stop()
      await rm(folder, { recursive: true, force: true })
    }
  })

  test('a 404 shows the friendly page without a stack trace', async ({ assert }) => {
    const response = await fetch(`${baseUrl}/no/such/page`, { headers: { accept: 'text/html' } })
    assert.equal(response.status, 404)
    const html = await response.text()
    assert.include(html, 'Page not found')
    assert.include(html, `<code>${response.headers.get('x-request-id')}</code>`)
    assertNoInternals(assert, html)
    assert.notInclude(html, 'E_ROUTE_NOT_FOUND')
  })

  test('pages carry HSTS for at least a year', async ({ assert }) => {
    const response = await fetch(`${baseUrl}/login`)
    assert.equal(response.status, 200)
    const hsts = response.headers.get('strict-transport-security') ?? ''
    const maxAge = Number(hsts.match(/max-age=(\d+)/)?.[1] ?? 0)
    assert.isAtLeast(maxAge, 31_536_000, server.output())
  })

  test('each request is logged as one JSON line carrying its request id', async ({ assert }) => {
    const response = await fetch(`${baseUrl}/.well-known/security.txt`)
    assert.equal(response.status, 200)
    const requestId = response.headers.get('x-request-id')!
    assert.include(await response.text(), 'Contact: mailto:security@production-test.example')

    const deadline = Date.now() + 5000
    let line: Record<string, any> | undefined
    while (!line && Date.now() < deadline) {
      line = server
        .output(200)
        .split('\n')
        .filter((candidate) => candidate.startsWith('{'))
        .map((candidate) => JSON.parse(candidate))
        .find((entry) => entry.request_id === requestId && entry.msg === 'request completed')
      if (!line) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.exists(line, server.output())
    assert.equal(line!.status, 200)
    assert.equal(line!.url, '/.well-known/security.txt')
    assert.equal(line!.level, 30)
  })
})
