import { test } from '@japa/runner'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { Cluster, Visitor, clusterServices, clusterServicesReachable } from '#tests/helpers/cluster'
import { smtpSink } from '#tests/helpers/mail'

const PASSWORD = 'correct horse battery staple'

/*
 * Two app instances in production mode, sharing PostgreSQL and Redis, and later two queue
 * workers. A visitor is sent to either instance; what one instance knows, the other must know
 * too.
 */
const cluster = new Cluster({
  database: 'guildhall_e2e_cluster',
  redisDb: 13,
  smtpPort: env.get('SMTP_PORT', 2526),
  instances: 2,
  workers: 2,
})

function uniqueEmail(label: string) {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@cluster.example`
}

async function createMember(label: string) {
  return UserFactory.merge({ email: uniqueEmail(label) })
    .connection(cluster.connection)
    .create()
}

async function attemptLogin(visitor: Visitor, url: string, email: string, password: string) {
  await visitor.get(`${url}/login`)
  return visitor.post(`${url}/login`, { email, password })
}

if (await clusterServicesReachable()) {
  test.group('Several instances behave as one', (group) => {
    group.setup(async () => {
      try {
        await cluster.start()
      } catch (error) {
        await cluster.stop()
        throw error
      }
      return () => cluster.stop()
    })

    test('a login made on one instance is valid on the other', async ({ assert }) => {
      const [a, b] = cluster.urls
      const user = await createMember('login')
      const visitor = new Visitor()

      const login = await attemptLogin(visitor, a, user.email, PASSWORD)
      assert.equal(login.status, 302, cluster.logs())
      assert.equal(login.location, '/dashboard')

      assert.equal(await visitor.statusOf(`${b}/dashboard`), 200)
      assert.equal(await visitor.statusOf(`${a}/dashboard`), 200)

      await visitor.get(`${b}/dashboard`)
      const logout = await visitor.post(`${b}/logout`, {})
      assert.equal(logout.status, 302)
      const afterLogout = await visitor.get(`${a}/dashboard`)
      assert.equal(afterLogout.status, 302)
      assert.equal(afterLogout.location, '/login')
    })

    test('failed logins on both instances add up to one lockout', async ({ assert }) => {
      const [a, b] = cluster.urls
      const user = await createMember('lockout')
      const visitor = new Visitor()

      // Three failures on A and two on B: neither instance alone saw five.
      for (const url of [a, b, a, b, a]) {
        const failure = await attemptLogin(visitor, url, user.email, 'not the password')
        assert.equal(failure.status, 302)
      }

      const rightPassword = await attemptLogin(visitor, b, user.email, PASSWORD)
      assert.equal(rightPassword.location, '/login')
      const refusal = await visitor.get(`${b}/login`)
      assert.include(refusal.text, 'Too many failed attempts', cluster.logs())
      assert.equal(await visitor.statusOf(`${a}/dashboard`), 302)
      assert.equal(await visitor.statusOf(`${b}/dashboard`), 302)
    })

    test('fewer failures than the limit, even split across instances, do not lock', async ({
      assert,
    }) => {
      const [a, b] = cluster.urls
      const user = await createMember('below-limit')
      const visitor = new Visitor()

      for (const url of [a, b, a, b]) {
        await attemptLogin(visitor, url, user.email, 'not the password')
      }

      const rightPassword = await attemptLogin(visitor, b, user.email, PASSWORD)
      assert.equal(rightPassword.location, '/dashboard', cluster.logs())
      assert.equal(await visitor.statusOf(`${a}/dashboard`), 200)
    })

    test('a queued mail waits for a worker and is sent exactly once by two', async ({ assert }) => {
      const [a, b] = cluster.urls
      const users = await Promise.all([
        createMember('mail-1'),
        createMember('mail-2'),
        createMember('mail-3'),
      ])
      const visitor = new Visitor()

      for (const [index, user] of users.entries()) {
        const url = index % 2 === 0 ? a : b
        await visitor.get(`${url}/forgot-password`)
        const request = await visitor.post(`${url}/forgot-password`, { email: user.email })
        assert.equal(request.status, 302, cluster.logs())
      }

      // The web instances only queue the mail; nothing is sent before a worker runs.
      await new Promise((resolve) => setTimeout(resolve, 1000))
      for (const user of users) {
        assert.lengthOf(smtpSink.to(user.email), 0, `mails to ${user.email} before any worker`)
      }

      cluster.startWorkers()
      for (const user of users) {
        await smtpSink.waitFor(user.email, () => true, 30_000)
      }
      // Give the other worker the time it would need to send a duplicate.
      await new Promise((resolve) => setTimeout(resolve, 3000))
      for (const user of users) {
        assert.lengthOf(smtpSink.to(user.email), 1, `mails to ${user.email}`)
      }
    })

    test('a rate limit counts requests to every instance', async ({ assert }) => {
      const [a, b] = cluster.urls
      const visitor = new Visitor()
      const statuses: number[] = []

      for (let attempt = 0; attempt < 6; attempt++) {
        const url = attempt % 2 === 0 ? a : b
        await visitor.get(`${url}/register`)
        const response = await visitor.post(`${url}/register`, { email: 'not-an-email' })
        statuses.push(response.status)
      }

      assert.deepEqual(statuses.slice(0, 5), [302, 302, 302, 302, 302], cluster.logs())
      assert.equal(statuses[5], 429)
    })
  })
} else {
  process.stderr.write(`cluster: ${clusterServices} must both answer; these checks were not run\n`)
}
