import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import redis from '@adonisjs/redis/services/main'
import queue from '@adonisjs/queue/services/main'
import { QueueManager, Worker } from '@adonisjs/queue'
import type { QueueManagerConfig } from '@adonisjs/queue/types'
import { UserFactory } from '#database/factories/user_factory'
import mail from '@adonisjs/mail/services/main'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { smtpSink } from '#tests/helpers/mail'
import { freePort } from '#tests/helpers/processes'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import SendQueuedMail from '#jobs/mail/send_queued_mail'
import FailedJobsService, { type QueueBackend } from '#services/operations/failed_jobs_service'
import { useRedis } from '#config/redis'

/*
 * The queue's adapters talk to their storage on their own connections, outside the per-test
 * transaction, so this group commits for real and cleans up after itself. Redis is tested
 * when it is configured.
 */
const RECIPIENT = 'queued-retry@members.example'
const QUEUE = SendQueuedMail.options?.queue ?? 'default'
const backends: QueueBackend[] = useRedis ? ['database', 'redis'] : ['database']

/**
 * Marks a job's retries as used up, as after hours of an outage: its next failure is final.
 */
async function spendRetries(backend: QueueBackend, jobId: string) {
  const attempts = SendQueuedMail.options!.maxRetries
  if (backend === 'redis') {
    const key = `jobs::${QUEUE}::data`
    const data = JSON.parse((await redis.connection('main').hget(key, jobId))!)
    await redis.connection('main').hset(key, jobId, JSON.stringify({ ...data, attempts }))
    return
  }
  const row = await db.from('queue_jobs').where('id', jobId).firstOrFail()
  const data = JSON.parse(row.data)
  await db
    .from('queue_jobs')
    .where('id', jobId)
    .update({ data: JSON.stringify({ ...data, attempts }) })
}

async function forget(backend: QueueBackend, jobId: string) {
  if (backend === 'redis') {
    const connection = redis.connection('main')
    for (const name of ['data', 'metadata', 'failed', 'completed', 'active']) {
      await connection.hdel(`jobs::${QUEUE}::${name}`, jobId)
    }
    for (const name of ['pending', 'delayed', 'failed::index', 'completed::index']) {
      await connection.zrem(`jobs::${QUEUE}::${name}`, jobId)
    }
    return
  }
  await db.from('queue_jobs').where('id', jobId).delete()
}

/**
 * The queue settings the app boots with, with every adapter resolved and `default` picked.
 */
async function queueConfig(defaultAdapter: string): Promise<QueueManagerConfig> {
  const config = app.config.get<any>('queue')
  const adapters: Record<string, any> = {}
  for (const [name, adapter] of Object.entries<any>(config.adapters)) {
    adapters[name] = typeof adapter === 'function' ? adapter : await adapter.resolver(app)
  }
  return {
    ...config,
    default: defaultAdapter,
    adapters,
    autoLoadJobs: false,
    jobFactory: (JobClass: any) => app.container.make(JobClass),
    logger: await app.container.make('logger'),
  }
}

/**
 * Runs a worker on `backend` until the job `jobId` has been handled once.
 */
async function workOnce(backend: QueueBackend, jobId: string) {
  const worker = new Worker(await queueConfig(backend))
  const deadline = Date.now() + 15_000
  try {
    while (Date.now() < deadline) {
      const cycle = await worker.processCycle([QUEUE])
      if (cycle?.type === 'completed' && cycle.job.id === jobId) return
      if (cycle?.type === 'idle') await new Promise((resolve) => setTimeout(resolve, 50))
      if (cycle?.type === 'error') throw cycle.error
    }
    throw new Error(`job ${jobId} was not processed in time`)
  } finally {
    await worker.stop()
    // The worker re-initialised the shared queue manager; tests queue synchronously again.
    await QueueManager.init(await queueConfig(app.config.get<any>('queue').default))
  }
}

test.group('Admin area / failed jobs', (group) => {
  const previousDriver = env.get('QUEUE_DRIVER')
  const dispatchedIds: Array<[QueueBackend, string]> = []
  group.each.teardown(async () => {
    env.set('QUEUE_DRIVER', previousDriver as any)
    for (const [backend, jobId] of dispatchedIds.splice(0)) {
      await forget(backend, jobId)
    }
    await AuditLog.query().where('action', 'job.retried').delete()
    await User.query().where('email', 'like', '%@jobs-admin.example').delete()
  })

  for (const backend of backends) {
    test(`${backend}: a mail that keeps failing is kept; an admin retries it once the mail server is back`, async ({
      client,
      assert,
    }) => {
      env.set('QUEUE_DRIVER', backend)
      const admin = await UserFactory.merge({ email: 'root@jobs-admin.example' })
        .apply('admin')
        .create()
      const dispatched = await SendQueuedMail.dispatch({
        mailerName: 'smtp',
        mailMessage: {
          message: {
            from: env.get('MAIL_FROM_ADDRESS'),
            to: [RECIPIENT],
            subject: 'Your membership card',
            text: 'Here is your card.',
          },
          views: {},
        },
      }).with(backend)
      dispatchedIds.push([backend, dispatched.jobId])
      await spendRetries(backend, dispatched.jobId)

      // The mail server is down: the SMTP mailer points at a port nobody listens on.
      const mailer = mail.use('smtp')
      const workingTransport = mailer.transport
      mailer.transport = new SMTPTransport({
        host: '127.0.0.1',
        port: await freePort(),
        ignoreTLS: true,
      })
      try {
        await workOnce(backend, dispatched.jobId)
      } finally {
        mailer.transport = workingTransport
      }

      const failed = await queue.use(backend).getJob(dispatched.jobId, QUEUE)
      assert.equal(failed?.status, 'failed')
      assert.match(failed!.error!, /ECONNREFUSED|connect/i)

      const list = await client.get('/admin/jobs').loginAs(admin)
      list.assertStatus(200)
      list.assertTextIncludes(`data-job="${dispatched.jobId}"`)
      list.assertTextIncludes(`To ${RECIPIENT}: Your membership card`)
      assert.notInclude(list.text(), 'Here is your card.')

      const dashboard = await client.get('/admin').loginAs(admin)
      dashboard.assertTextIncludes('<span data-count="failed-jobs">1</span>')

      const retry = await client
        .post(`/admin/jobs/${QUEUE}/${dispatched.jobId}/retry`)
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
      retry.assertStatus(302)
      retry.assertFlashMessage('success', 'The job SendQueuedMail is queued again.')

      const pending = await queue.use(backend).getJob(dispatched.jobId, QUEUE)
      assert.equal(pending?.status, 'pending')
      assert.equal(pending?.data.attempts, 0)
      const audit = await AuditLog.query().where('action', 'job.retried').firstOrFail()
      assert.equal(audit.actorId, admin.id)
      assert.include(audit.meta!, dispatched.jobId)

      smtpSink.clear()
      await workOnce(backend, dispatched.jobId)
      const delivered = await smtpSink.waitFor(RECIPIENT)
      assert.equal(delivered.subject, 'Your membership card')

      const empty = await client.get('/admin/jobs').loginAs(admin)
      assert.notInclude(empty.text(), `data-job="${dispatched.jobId}"`)
      empty.assertTextIncludes('No failed jobs.')

      // A second click on the stale page changes nothing.
      const again = await client
        .post(`/admin/jobs/${QUEUE}/${dispatched.jobId}/retry`)
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
      again.assertFlashMessage('error', 'That job is no longer in the failed list.')
      assert.equal(await FailedJobsService.count(), 0)
    })
  }
})
