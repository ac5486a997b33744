import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import { QueueManager, fixedBackoff } from '@adonisjs/queue'
import { smtpSink } from '#tests/helpers/mail'
import {
  clearQueueTables,
  hasJobWithStatus,
  jobRows,
  onlyJobData,
  restoreQueue,
  startWorker,
  useDatabaseQueue,
  waitUntil,
} from './database_queue.js'

/*
 * Mail goes through the persistent queue (database adapter here). These tests run real workers
 * against the test database and the SMTP sink, so they commit their rows and clean up after.
 */
test.group('Queued mail', (group) => {
  group.each.setup(async () => {
    await clearQueueTables()
    smtpSink.clear()
    return async () => {
      await clearQueueTables()
      await restoreQueue()
    }
  })

  function sendNotice(to: string, subject = 'Notice of the annual general meeting') {
    return mail.sendLater((message) => {
      message.to(to).subject(subject).text('The AGM takes place on 14 March in the main hall.')
    })
  }

  test('a queued mail is stored, not sent, until a worker picks it up', async ({ assert }) => {
    await useDatabaseQueue()
    await sendNotice('stored@example.org')

    const [row] = await jobRows()
    assert.equal(row.status, 'pending')
    assert.lengthOf(smtpSink.to('stored@example.org'), 0)

    const worker = await startWorker(await useDatabaseQueue())
    const delivered = await smtpSink.waitFor('stored@example.org')
    await worker.stop()
    assert.equal(delivered.subject, 'Notice of the annual general meeting')
  })

  test('a send the mail server refuses is retried with backoff, then delivered', async ({
    assert,
  }) => {
    const config = await useDatabaseQueue({ retry: { backoff: fixedBackoff('300ms') } })
    // The SMTP server answers "try again later" twice, as a busy or restarting server does.
    const transport = mail.use('smtp').transport
    const deliver = transport.send.bind(transport)
    let refusals = 2
    transport.send = async (...args: Parameters<typeof deliver>) => {
      if (refusals-- > 0) throw new Error('421 4.3.2 Service not available, try again later')
      return deliver(...args)
    }
    try {
      await sendNotice('retried@example.org')
      const worker = await startWorker(config)

      await waitUntil(() => hasJobWithStatus('delayed'))
      const [delayed] = await jobRows()
      assert.isAbove(
        Number(delayed.execute_at),
        Date.now() - 100,
        'the retry waits for its backoff delay'
      )
      assert.isAtLeast(JSON.parse(delayed.data).attempts, 1)

      const delivered = await smtpSink.waitFor('retried@example.org')
      await worker.stop()
      assert.equal(delivered.subject, 'Notice of the annual general meeting')
      assert.lengthOf(smtpSink.to('retried@example.org'), 1)
      const job = await onlyJobData()
      assert.equal(job.attempts, 2)
    } finally {
      transport.send = deliver
    }
  })

  test('a send that keeps failing is kept as a failed job after the last retry', async ({
    assert,
  }) => {
    const config = await useDatabaseQueue({
      retry: { backoff: fixedBackoff('10ms') },
    })
    // No recipient: every attempt is refused by the transport.
    await mail.sendLater((message) => {
      message.subject('Undeliverable').text('Nobody will read this.')
    })
    const worker = await startWorker(config)
    await waitUntil(() => hasJobWithStatus('failed'), 15_000)
    await worker.stop()

    const rows = await jobRows()
    assert.lengthOf(rows, 1, 'the failed mail is not dropped')
    assert.equal(rows[0].status, 'failed')
    assert.equal(JSON.parse(rows[0].data).attempts, 8, 'every retry was made before giving up')
    assert.match(String(rows[0].error), /no recipients/i)
  }).timeout(30_000)

  test('a mail held by a worker that died is recovered as stalled and sent once', async ({
    assert,
  }) => {
    const config = await useDatabaseQueue()
    await sendNotice('stalled@example.org')

    // A worker takes the job and dies before finishing: the row stays active under its id.
    const deadWorkersAdapter = QueueManager.use('database')
    deadWorkersAdapter.setWorkerId('worker-that-died')
    const acquired = await deadWorkersAdapter.popFrom('default')
    assert.exists(acquired)
    const [held] = await jobRows()
    assert.equal(held.status, 'active')
    assert.equal(held.worker_id, 'worker-that-died')

    const survivor = await startWorker(config)
    const delivered = await smtpSink.waitFor('stalled@example.org')
    await new Promise((resolve) => setTimeout(resolve, 500))
    await survivor.stop()

    assert.equal(delivered.subject, 'Notice of the annual general meeting')
    assert.lengthOf(smtpSink.to('stalled@example.org'), 1)
    const job = await onlyJobData()
    assert.equal(job.stalledCount, 1)
  })

  test('two workers polling the same queue send each mail exactly once', async ({ assert }) => {
    const config = await useDatabaseQueue()
    const recipients = Array.from({ length: 20 }, (_, index) => `member${index}@example.org`)
    for (const recipient of recipients) {
      await sendNotice(recipient)
    }

    const first = await startWorker(config)
    const second = await startWorker(config)
    await waitUntil(
      () => recipients.every((recipient) => smtpSink.to(recipient).length > 0),
      20_000
    )
    // Give a duplicate, if any, the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500))
    await Promise.all([first.stop(), second.stop()])

    for (const recipient of recipients) {
      assert.lengthOf(smtpSink.to(recipient), 1, `${recipient} got one copy`)
    }
  }).timeout(30_000)
})
