import { test } from '@japa/runner'
import type { Group } from '@japa/runner/core'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { UserFactory } from '#database/factories/user_factory'
import Document from '#models/document'
import Folder from '#models/folder'
import type User from '#models/user'
import { simplePdf } from '#services/documents/simple_pdf'
import { DELETE_CONFIRMATION } from '#validators/account'
import { pngImage } from '#tests/fixtures/images'
import { Visitor } from '#tests/helpers/cluster'
import { LocalS3 } from '#tests/helpers/s3_server'
import {
  AppProcess,
  childEnv,
  freePort,
  waitForHttp,
} from '#tests/functional/background/app_process'

const PASSWORD = 'correct horse battery staple'

/*
 * The disk is chosen at boot, so the portal runs as a separate process with DRIVE_DISK=s3 and
 * its endpoint on a local S3 server, on the test database. Rows are committed (no per-test
 * transaction) and removed afterwards.
 */
class PortalOnS3 {
  s3!: LocalS3
  server!: AppProcess
  url = ''
  /** Members signed in by the current test, removed after it. */
  users: User[] = []

  constructor(private sdkEnv: NodeJS.ProcessEnv) {}

  async start() {
    this.s3 = await LocalS3.start()
    const port = await freePort()
    this.url = `http://127.0.0.1:${port}`
    // Jobs run inline, so the files of a deleted account are gone when its request answers.
    this.server = AppProcess.server(
      childEnv(port, { ...this.s3.appEnv(), ...this.sdkEnv, QUEUE_DRIVER: 'sync' })
    )
    await waitForHttp(`${this.url}/health/live`, this.server)
  }

  async stop() {
    await this.server.stop()
    await this.s3.stop()
    await rm(this.localUploads(), { recursive: true, force: true })
  }

  /** Where the process would have written with the local disk (it runs in test mode). */
  localUploads(key = '') {
    return app.makePath('storage', 'test-uploads', String(this.server.child.pid), key)
  }

  async signIn(user: User) {
    this.users.push(user)
    const visitor = new Visitor()
    await visitor.get(`${this.url}/login`)
    const login = await visitor.post(`${this.url}/login`, { email: user.email, password: PASSWORD })
    if (login.status !== 302) {
      throw new Error(`signing in failed (${login.status}):\n${this.server.output}`)
    }
    return visitor
  }
}

function portalOnS3(group: Group, sdkEnv: NodeJS.ProcessEnv = {}) {
  const portal = new PortalOnS3(sdkEnv)
  group.setup(async () => {
    await portal.start()
    return () => portal.stop()
  })
  group.each.setup(async () => {
    await portal.s3.empty()
    return async () => {
      await Promise.all(portal.users.splice(0).map((user) => user.delete()))
    }
  })
  return portal
}

test.group('S3 storage / avatars', (group) => {
  const portal = portalOnS3(group)

  async function uploadAvatar(visitor: Visitor, user: User) {
    await visitor.get(`${portal.url}/account/profile`)
    const form = new FormData()
    form.set('_csrf', visitor.csrfToken!)
    form.set('avatar', new Blob([await pngImage(640, 480)], { type: 'image/png' }), 'me.png')
    const response = await visitor.request(`${portal.url}/account/avatar`, {
      method: 'POST',
      body: form,
    })
    await user.refresh()
    return { response, key: user.avatarKey }
  }

  test('an avatar is stored in the bucket, served from it, replaced and removed there', async ({
    assert,
  }) => {
    const user = await UserFactory.merge({ password: PASSWORD }).create()
    const visitor = await portal.signIn(user)

    const first = await uploadAvatar(visitor, user)
    assert.equal(first.response.status, 302, portal.server.output)
    assert.match(first.key!, /^avatars\/[0-9a-f-]{36}\.webp$/)
    assert.isFalse(existsSync(portal.localUploads(first.key!)), 'nothing on the local disk')
    assert.deepEqual(await portal.s3.keys(), [first.key!])

    const served = await visitor.get(`${portal.url}/avatars/${user.id}`)
    assert.equal(served.status, 200)
    assert.equal(served.headers.get('content-type'), 'image/webp')
    assert.deepEqual(served.body, await portal.s3.bytes(first.key!))

    const second = await uploadAvatar(visitor, user)
    assert.equal(second.response.status, 302)
    assert.notEqual(second.key, first.key)
    assert.deepEqual(await portal.s3.keys(), [second.key!], 'the replaced picture is deleted')

    await visitor.get(`${portal.url}/account/profile`)
    const removed = await visitor.post(`${portal.url}/account/avatar?_method=DELETE`, {})
    assert.equal(removed.status, 302)
    assert.deepEqual(await portal.s3.keys(), [])
    assert.equal(await visitor.statusOf(`${portal.url}/avatars/${user.id}`), 404)
  }).timeout(30_000)

  test("deleting one's account deletes its avatar from the bucket", async ({ assert }) => {
    const user = await UserFactory.merge({ password: PASSWORD }).create()
    const visitor = await portal.signIn(user)
    const { key } = await uploadAvatar(visitor, user)
    assert.deepEqual(await portal.s3.keys(), [key!])

    await visitor.get(`${portal.url}/account/delete`)
    const deleted = await visitor.post(`${portal.url}/account?_method=DELETE`, {
      currentPassword: PASSWORD,
      confirmation: DELETE_CONFIRMATION,
    })
    assert.equal(deleted.status, 302)
    assert.equal(deleted.location, '/')
    assert.deepEqual(await portal.s3.keys(), [])
  }).timeout(30_000)
})

/*
 * Documents are streamed to the disk. By default the AWS SDK sends a stream as aws-chunked with
 * a checksum trailer, which s3rver predates: it would keep the chunk framing as the file. S3
 * decodes it; here the SDK is told, through its own documented setting, to send the stream as
 * is, so the bytes can be compared.
 */
test.group('S3 storage / documents', (group) => {
  const portal = portalOnS3(group, { AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED' })
  let folder: Folder
  group.each.setup(async () => {
    folder = await Folder.create({ name: 'Minutes', accessLevel: 'members', parentId: null })
    return async () => {
      await Document.query().where('folder_id', folder.id).delete()
      await folder.delete()
    }
  })

  test('an uploaded document goes to the bucket, downloads through a signed URL and is deleted there', async ({
    assert,
  }) => {
    const board = await UserFactory.apply('board').merge({ password: PASSWORD }).create()
    const visitor = await portal.signIn(board)
    const pdf = simplePdf('Minutes of the annual meeting')

    await visitor.get(`${portal.url}/documents/folders/${folder.id}/documents/new`)
    const form = new FormData()
    form.set('title', 'Annual meeting minutes')
    form.set('file', new Blob([pdf], { type: 'application/pdf' }), 'Minutes 2025.pdf')
    const uploaded = await visitor.request(
      `${portal.url}/documents/folders/${folder.id}/documents?_csrf=${encodeURIComponent(visitor.csrfToken!)}`,
      { method: 'POST', body: form }
    )
    assert.equal(uploaded.status, 302, portal.server.output)

    const document = await Document.query()
      .where('folder_id', folder.id)
      .preload('currentVersion')
      .firstOrFail()
    const key = document.currentVersion.driveKey
    assert.isFalse(existsSync(portal.localUploads(key)), 'nothing on the local disk')
    assert.deepEqual(await portal.s3.keys(), [key])
    assert.deepEqual(await portal.s3.bytes(key), pdf)

    const download = await visitor.get(`${portal.url}/documents/${document.id}/download`)
    assert.equal(download.status, 302)
    assert.isTrue(download.location!.startsWith(`${portal.s3.endpoint}/`), download.location!)
    const signed = await fetch(download.location!)
    assert.equal(signed.status, 200)
    assert.equal(signed.headers.get('content-type'), 'application/pdf')
    assert.include(signed.headers.get('content-disposition')!, 'Minutes 2025.pdf')
    assert.deepEqual(Buffer.from(await signed.arrayBuffer()), pdf)

    await visitor.get(`${portal.url}/documents/${document.id}`)
    const deleted = await visitor.post(`${portal.url}/documents/${document.id}?_method=DELETE`, {})
    assert.equal(deleted.status, 302)
    assert.deepEqual(await portal.s3.keys(), [])
  }).timeout(30_000)
})
