import { test } from '@japa/runner'
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import { SMTPServer } from 'smtp-server'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { QueueManager } from '@adonisjs/queue'
import UserToken from '#models/user_token'
import PurgeExpiredTokens from '#jobs/auth/purge_expired_tokens'
import { UserFactory } from '#database/factories/user_factory'
import { AppProcess, childEnv, freePort, waitForHttp } from './app_process.js'
import {
  clearQueueTables,
  jobRows,
  restoreQueue,
  useDatabaseQueue,
  waitUntil,
} from './database_queue.js'

/*
 * The server and the worker run as child processes on the test database, so rows are
 * committed (no per-test transaction) and removed afterwards.
 */
test.group('Server and worker processes', (group) => {
  const processes: AppProcess[] = []
  group.each.setup(async () => {
    await clearQueueTables()
    return async () => {
      await Promise.all(processes.splice(0).map((child) => child.stop()))
      await clearQueueTables()
      await restoreQueue()
    }
  })

  async function startServer() {
    const port = await freePort()
    const server = AppProcess.server(childEnv(port))
    processes.push(server)
    await waitForHttp(`http://127.0.0.1:${port}/health/live`, server)
    return { server, port }
  }

  test('booting the server registers the daily token purge', async ({ assert }) => {
    const { server } = await startServer()

    const schedule = await db.from('queue_schedules').where('id', 'purge-expired-tokens').first()
    assert.exists(schedule)
    assert.equal(schedule.name, 'PurgeExpiredTokens')
    assert.equal(schedule.cron_expression, '17 3 * * *')
    assert.isAbove(new Date(schedule.next_run_at).getTime(), Date.now())

    server.signal('SIGTERM')
    assert.equal(await server.exited, 0)
  }).timeout(60_000)

  test('SIGTERM lets an in-flight request finish, then the server exits cleanly', async ({
    assert,
  }) => {
    const { server, port } = await startServer()

    // A form post whose body arrives slowly stays in flight until the last byte is sent.
    const body = 'email=slow%40example.org&password=not-the-password'
    let status = 0
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
      },
    })
    const answered = new Promise<void>((resolve, reject) => {
      request.on('response', (response) => {
        status = response.statusCode ?? 0
        response.resume()
        response.on('end', () => resolve())
      })
      request.on('error', reject)
    })
    request.write(body.slice(0, 10))
    await new Promise((resolve) => setTimeout(resolve, 300))

    server.signal('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 700))
    assert.isTrue(server.running, 'the server waits for the request in flight')

    request.end(body.slice(10))
    await answered
    assert.isAbove(status, 0)
    assert.isBelow(status, 500)
    assert.equal(await server.exited, 0)
  }).timeout(60_000)

  test('the worker runs a due scheduled job', async ({ assert }) => {
    const user = await UserFactory.create()
    const expired = await UserToken.create({
      userId: user.id,
      purpose: 'password_reset',
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: DateTime.utc().minus({ hours: 2 }),
    })
    try {
      await useDatabaseQueue()
      await PurgeExpiredTokens.schedule({}).id('purge-expired-tokens').cron('17 3 * * *').run()
      // Pretend 03:17 has come.
      await QueueManager.use('database').updateSchedule('purge-expired-tokens', {
        nextRunAt: new Date(Date.now() - 1000),
      })

      const worker = AppProcess.worker(childEnv(await freePort()))
      processes.push(worker)
      await waitUntil(async () => !(await UserToken.find(expired.id)), 30_000)

      const schedule = await db.from('queue_schedules').where('id', 'purge-expired-tokens').first()
      assert.equal(Number(schedule.run_count), 1)
      assert.isAbove(new Date(schedule.next_run_at).getTime(), Date.now())

      worker.signal('SIGTERM')
      assert.equal(await worker.exited, 0)
    } finally {
      await user.delete()
    }
  }).timeout(60_000)

  test('SIGTERM lets the worker finish sending a mail, which is then not sent again', async ({
    assert,
  }) => {
    // A slow mail server: the worker is mid-send when it is told to stop.
    const received: string[] = []
    let sendStarted = false
    const slowSmtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        sendStarted = true
        stream.resume()
        stream.on('end', () => {
          setTimeout(() => {
            received.push(session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','))
            callback()
          }, 1500)
        })
      },
    })
    const smtpPort = await freePort()
    await new Promise<void>((resolve) => slowSmtp.listen(smtpPort, '127.0.0.1', () => resolve()))
    try {
      await useDatabaseQueue()
      await mail.sendLater((message) => {
        message.to('treasurer@example.org').subject('Subscription received').text('Thank you.')
      })

      const worker = AppProcess.worker(childEnv(await freePort(), { SMTP_PORT: String(smtpPort) }))
      processes.push(worker)
      await waitUntil(() => sendStarted, 30_000)

      worker.signal('SIGTERM')
      assert.equal(await worker.exited, 0)
      assert.deepEqual(received, ['treasurer@example.org'])
      const [row] = await jobRows()
      assert.equal(row.status, 'completed', 'the job is marked done before the worker exits')
    } finally {
      await new Promise<void>((resolve) => slowSmtp.close(() => resolve()))
    }
  }).timeout(60_000)
})
