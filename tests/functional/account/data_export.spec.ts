import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { ApiRequest, type ApiClient } from '@japa/api-client'
import { unzipSync, strFromU8 } from 'fflate'
import sharp from 'sharp'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { QueueManager } from '@adonisjs/queue'
import AuditLog from '#models/audit_log'
import DataExport from '#models/data_export'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import PrepareDataExport from '#jobs/privacy/prepare_data_export'
import PurgeExpiredDataExports from '#jobs/privacy/purge_expired_data_exports'
import AuditLogService from '#services/audit/audit_log_service'
import DataExportService from '#services/privacy/data_export_service'
import ImageUploadService from '#services/uploads/image_upload_service'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { linkIn } from '#tests/helpers/smtp_sink'
import {
  closeOpenedSessions,
  openSessionElsewhere,
  uniqueEmail,
  withAvatar,
} from '#tests/functional/account/helpers'

const PASSWORD = 'correct horse battery staple'
const READY_SUBJECT = 'Your data is ready to download'

/** The member's "Prepare my data" form, sent from their privacy page. */
function sendRequest(client: ApiClient, user: User) {
  return client
    .post('/account/export')
    .header('referer', '/account/privacy')
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
}

/** Asks for an archive with no worker running: the job it queued, not yet run. */
async function askWithoutWorker(client: ApiClient, user: User) {
  using fake = QueueManager.fake()
  await sendRequest(client, user)
  const job = new PrepareDataExport()
  job.$hydrate(fake.findPushed(PrepareDataExport)!.job.payload, {} as any)
  return job
}

/** Asks for an archive as the member would; tests run jobs inline, so it is ready after. */
async function askForExport(client: ApiClient, user: User) {
  const response = await sendRequest(client, user)
  response.assertStatus(302)
  return DataExport.query().where('user_id', user.id).orderBy('created_at', 'desc').firstOrFail()
}

/** The path of the link in the member's "ready" mail. */
async function mailedLink(email: string) {
  const mail = await smtpSink.waitFor(email, (message) => message.subject === READY_SUBJECT)
  return new URL(linkIn(mail, '/account/export/')).pathname
}

test.group('Account / download my data', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'data_export')
  group.setup(() => {
    ApiRequest.addParser('application/zip', (response, callback) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => callback(null, Buffer.concat(chunks)))
    })
    return () => ApiRequest.removeParser('application/zip')
  })
  group.each.teardown(() => closeOpenedSessions())

  test('asking queues the archive and answers at once; the job builds it and mails the link', async ({
    client,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.merge({
      email: uniqueEmail('export'),
      bio: 'Collects stamps.',
      phone: '+33 1 23 45 67 89',
      timezone: 'Asia/Tokyo',
    }).create()
    const avatarKey = await withAvatar(user, client)
    cleanup(() => ImageUploadService.delete(avatarKey))
    await openSessionElsewhere(user, { userAgent: 'Firefox', ip: '198.51.100.7' })
    await AuditLogService.record({ action: 'login.succeeded', actor: user, subject: user })
    const someoneElse = await UserFactory.create()
    await AuditLogService.record({
      action: 'login.succeeded',
      actor: someoneElse,
      subject: someoneElse,
    })

    const fake = QueueManager.fake()
    let pushed
    try {
      const response = await sendRequest(client, user)
      response.assertStatus(302)
      response.assertHeader('location', '/account/privacy')
      response.assertFlashMessage(
        'success',
        'Your archive is being prepared. We will email you a link to download it when it is ready.'
      )
      assert.notEqual(response.header('content-type'), 'application/zip')
      pushed = fake.findPushed(PrepareDataExport)
      assert.lengthOf(fake.getPushedJobs(), 1, 'the archive job only: no mail yet')
    } finally {
      QueueManager.restore()
    }

    const waiting = await DataExport.query().where('user_id', user.id).firstOrFail()
    assert.deepEqual(pushed?.job.payload, { exportId: waiting.id })
    assert.equal(waiting.status, 'preparing')
    assert.isNull(waiting.fileKey)
    const preparing = await client.get('/account/privacy').loginAs(user)
    preparing.assertTextIncludes('being prepared')
    assert.isNotNull(
      await AuditLog.query().where('action', 'data.exported').where('subject_id', user.id).first()
    )

    // What a worker does with the queued job.
    const job = new PrepareDataExport()
    job.$hydrate(pushed!.job.payload, {} as any)
    await job.execute()

    const ready = await DataExport.findOrFail(waiting.id)
    assert.equal(ready.status, 'ready')
    assert.isTrue(await drive.use().exists(ready.fileKey!))

    const path = await mailedLink(user.email)
    assert.equal(path, `/account/export/${ready.id}`)
    const download = await client.get(path).loginAs(user)
    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/zip')
    assert.equal(download.header('cache-control'), 'no-store')
    assert.match(
      download.header('content-disposition') ?? '',
      /^attachment; filename="guildhall-data-\d+-\d{8}\.zip"$/
    )

    const entries = unzipSync(new Uint8Array(download.body()))
    assert.includeMembers(Object.keys(entries), [
      'export.json',
      'account.json',
      'audit.json',
      'sessions.json',
      'data_exports.json',
      'files/account/avatar.webp',
    ])
    const account = JSON.parse(strFromU8(entries['account.json']))
    assert.equal(account.email, user.email)
    assert.equal(account.bio, 'Collects stamps.')
    assert.equal(account.phone, '+33 1 23 45 67 89')
    assert.notProperty(account, 'password')
    const audit = JSON.parse(strFromU8(entries['audit.json']))
    assert.isTrue(audit.entries.every((entry: any) => entry.byYou || entry.aboutYou))
    assert.isTrue(audit.entries.some((entry: any) => entry.action === 'login.succeeded'))
    const sessions = JSON.parse(strFromU8(entries['sessions.json']))
    assert.isTrue(sessions.sessions.some((session: any) => session.ip === '198.51.100.7'))
    const avatar = await sharp(Buffer.from(entries['files/account/avatar.webp'])).metadata()
    assert.equal(avatar.format, 'webp')

    await ready.refresh()
    assert.isNotNull(ready.downloadedAt)
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'data.export_downloaded')
        .where('subject_id', user.id)
        .first()
    )

    // The page lists it with its expiry in the member's zone (Tokyo is UTC+9).
    const page = await client.get('/account/privacy').loginAs(user)
    const expiry = ready.expiresAt
      .setZone('Asia/Tokyo')
      .toLocaleString(DateTime.DATETIME_MED, { locale: 'en-GB' })
    page.assertTextIncludes(`available until ${expiry}`)
    page.assertTextIncludes(`href="${path}"`)
    assert.notInclude(page.text(), 'being prepared')
    // So does the mail, which reached its templates through the queue.
    const [mail] = smtpSink.to(user.email).filter((message) => message.subject === READY_SUBJECT)
    assert.include(mail.text, `until ${expiry};`)
  })

  test("another member's archive is a 404 and a visitor is sent to sign in", async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const dataExport = await askForExport(client, owner)
    assert.equal(dataExport.status, 'ready')
    const path = `/account/export/${dataExport.id}`

    const board = await UserFactory.apply('admin').create()
    for (const other of [await UserFactory.create(), board]) {
      const response = await client.get(path).loginAs(other)
      response.assertStatus(404)
      assert.notEqual(response.header('content-type'), 'application/zip')
    }

    const visitor = await client.get(path).redirects(0)
    visitor.assertStatus(302)
    visitor.assertHeader('location', '/login')

    const unknown = await client.get(`/account/export/${randomUUID()}`).loginAs(owner)
    unknown.assertStatus(404)
    const malformed = await client.get('/account/export/1').loginAs(owner)
    malformed.assertStatus(404)

    await dataExport.refresh()
    assert.isNull(dataExport.downloadedAt)
  })

  test('an expired archive is refused, and the scheduled purge deletes it', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const expired = await askForExport(client, user)
    const current = await askForExport(client, user)
    expired.expiresAt = DateTime.utc().minus({ minutes: 1 })
    await expired.save()

    const refused = await client.get(`/account/export/${expired.id}`).loginAs(user)
    refused.assertStatus(410)
    refused.assertTextIncludes('This archive has expired')
    assert.notEqual(refused.header('content-type'), 'application/zip')
    const page = await client.get('/account/privacy').loginAs(user)
    assert.notInclude(page.text(), expired.id)
    page.assertTextIncludes(current.id)

    // Tests run jobs inline, as a worker would run the scheduled one.
    await PurgeExpiredDataExports.dispatch({})

    assert.isFalse(await drive.use().exists(expired.fileKey!))
    assert.isNull(await DataExport.find(expired.id))
    const gone = await client.get(`/account/export/${expired.id}`).loginAs(user)
    gone.assertStatus(404)

    assert.isTrue(await drive.use().exists(current.fileKey!))
    const stillThere = await client.get(`/account/export/${current.id}`).loginAs(user)
    stillThere.assertStatus(200)
  })

  test('a member keeps their three newest archives', async ({ assert }) => {
    const user = await UserFactory.create()
    const origin = { ip: null, userAgent: null }
    const made: DataExport[] = []
    for (let count = 0; count < 4; count++) {
      const dataExport = await DataExportService.request(user, origin)
      await dataExport.refresh()
      made.push(dataExport)
      // Ready times a second apart, as they would be.
      dataExport.readyAt = DateTime.utc().minus({ seconds: 10 - count })
      await dataExport.save()
    }
    await DataExportService.request(user, origin)

    const kept = await DataExport.query().where('user_id', user.id)
    assert.lengthOf(kept, 3)
    assert.isFalse(await drive.use().exists(made[0].fileKey!))
    assert.isFalse(await drive.use().exists(made[1].fileKey!))
    for (const row of kept) {
      assert.isTrue(await drive.use().exists(row.fileKey!))
    }
  })

  test('an archive whose job ran out of retries says so on the page', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const job = await askWithoutWorker(client, user)
    await job.failed()

    const page = await client.get('/account/privacy').loginAs(user)
    page.assertTextIncludes('it could not be prepared. Please ask again later.')
    assert.notInclude(page.text(), 'being prepared')
  })

  test('deleting the account deletes its archives, and a job still queued stores nothing', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const ready = await askForExport(client, user)
    assert.isTrue(await drive.use().exists(ready.fileKey!))
    const queued = await askWithoutWorker(client, user)

    const deletion = await client
      .delete('/account')
      .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    deletion.assertHeader('location', '/')

    assert.isFalse(await drive.use().exists(ready.fileKey!))
    assert.lengthOf(await DataExport.query().where('user_id', user.id), 0)

    await queued.execute()
    assert.isFalse(await drive.use().exists(DataExportService.fileKey(queued.payload.exportId)))
  })

  test('an account deleted while its archive is being built keeps no copy and gets no mail', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('leaving')
    const user = await UserFactory.merge({ email }).create()
    const queued = await askWithoutWorker(client, user)

    const build = DataExportService.archive
    DataExportService.archive = async (member) => {
      const archive = await build.call(DataExportService, member)
      await client
        .delete('/account')
        .form({ currentPassword: PASSWORD, confirmation: 'DELETE' })
        .loginAs(user)
        .withCsrfToken()
      return archive
    }
    try {
      await queued.execute()
    } finally {
      DataExportService.archive = build
    }

    await user.refresh()
    assert.equal(user.status, 'disabled')
    assert.isFalse(await drive.use().exists(DataExportService.fileKey(queued.payload.exportId)))
    assert.lengthOf(await DataExport.query().where('user_id', user.id), 0)
    // Tests send queued mail inline: a mail would have arrived by now.
    assert.lengthOf(
      smtpSink.to(email).filter((mail) => mail.subject === READY_SUBJECT),
      0
    )
  })

  test('a few requests an hour per account; the next is refused with a page that says why', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await sendRequest(client, user)
      response.assertStatus(302)
    }

    const limited = await client.post('/account/export').loginAs(user).withCsrfToken()
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
    limited.assertTextIncludes('You can ask for your data 3 times an hour.')
    limited.assertTextIncludes('Please try again in 60 minutes.')
    assert.lengthOf(await DataExport.query().where('user_id', user.id), 3)

    const someoneElse = await UserFactory.create()
    const theirs = await sendRequest(client, someoneElse)
    theirs.assertStatus(302)
  })

  test('asking needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await client.post('/account/export').loginAs(user).redirects(0)
    assert.lengthOf(await DataExport.query().where('user_id', user.id), 0)
  })
})
