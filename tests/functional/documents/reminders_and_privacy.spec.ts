import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { UserFactory } from '#database/factories/user_factory'
import DocumentDownload from '#models/document_download'
import FolderGrant from '#models/folder_grant'
import ReviewReminders from '#services/documents/review_reminders'
import privacyRegistry from '#services/privacy/privacy_registry'
import {
  deleteFilesOf,
  makeDocument,
  makeFolder,
  roles,
  versionsOf,
} from '#tests/functional/documents/helpers'

function documentsModule() {
  return privacyRegistry.all().find((module) => module.name === 'documents')!
}

test.group('Documents / review reminders', (group) => {
  isolateDatabase(group)

  test('the owner is reminded once when the review date has come', async ({ assert, cleanup }) => {
    const owner = await UserFactory.apply('board')
      .merge({ email: `owner-${Date.now()}@documents.example` })
      .create()
    const folder = await makeFolder('Policies', 'members')
    const due = await makeDocument(owner, folder, { title: 'Safeguarding policy' })
    const later = await makeDocument(owner, folder, { title: 'Privacy notice' })
    cleanup(() => deleteFilesOf(due))
    cleanup(() => deleteFilesOf(later))
    due.reviewOn = DateTime.fromISO('2026-03-01')
    await due.save()
    later.reviewOn = DateTime.fromISO('2026-09-01')
    await later.save()

    const today = DateTime.fromISO('2026-03-02T07:30:00Z')
    assert.equal(await ReviewReminders.sendDue(today), 1)
    const mail = await smtpSink.waitFor(owner.email, (m) =>
      (m.subject ?? '').includes('Safeguarding policy')
    )
    assert.include(mail.text ?? '', `/documents/${due.id}`)

    assert.equal(await ReviewReminders.sendDue(today), 0, 'a rerun sends nothing')
    assert.equal(await ReviewReminders.sendDue(today.plus({ days: 1 })), 0)
    assert.lengthOf(
      smtpSink.to(owner.email).filter((m) => (m.subject ?? '').includes('Safeguarding policy')),
      1
    )

    due.reviewOn = DateTime.fromISO('2027-03-01')
    await due.save()
    assert.equal(
      await ReviewReminders.sendDue(DateTime.fromISO('2027-03-01T07:30:00Z')),
      2,
      'a new due date is reminded again, with the other document now due'
    )
  })

  test('an owner who can no longer read the document is not told about it', async ({
    assert,
    cleanup,
  }) => {
    const owner = await roles.board()
    const folder = await makeFolder('Board', 'board')
    const document = await makeDocument(owner, folder, { title: 'Board secret' })
    cleanup(() => deleteFilesOf(document))
    document.reviewOn = DateTime.fromISO('2026-01-01')
    await document.save()
    owner.role = 'member'
    await owner.save()
    assert.equal(await ReviewReminders.sendDue(DateTime.fromISO('2026-01-02')), 0)
  })
})

test.group('Documents / privacy', (group) => {
  isolateDatabase(group)

  test('the export holds documents looked after, uploads, downloads and folder access', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Committee', 'board')
    const document = await makeDocument(board, folder, { title: 'Committee plan' })
    cleanup(() => deleteFilesOf(document))
    await FolderGrant.create({ folderId: folder.id, userId: board.id, permission: 'read' })
    await client.get(`/documents/${document.id}/download`).loginAs(board)

    const { data } = await documentsModule().export(board)
    const exported = data as Record<string, Array<Record<string, unknown>>>
    assert.equal(exported.documentsYouLookAfter[0].title, 'Committee plan')
    assert.equal(exported.versionsYouUploaded[0].fileName, 'report.pdf')
    assert.equal(exported.downloads[0].document, 'Committee plan')
    assert.equal(exported.folderAccess[0].folder, 'Committee')
  })

  test('erasure keeps the documents and counts but drops who downloaded and named access', async ({
    assert,
    cleanup,
  }) => {
    const member = await roles.member()
    const folder = await makeFolder('Minutes', 'members')
    const document = await makeDocument(member, folder, { title: 'Walk report' })
    cleanup(() => deleteFilesOf(document))
    const [version] = await versionsOf(document)
    await DocumentDownload.create({
      documentId: document.id,
      documentVersionId: version.id,
      userId: member.id,
    })
    await FolderGrant.create({ folderId: folder.id, userId: member.id, permission: 'edit' })

    await db.transaction(async (trx) => {
      await documentsModule().erase(member, trx)
    })

    await document.refresh()
    assert.isNull(document.ownerId)
    const downloads = await DocumentDownload.query().where('document_id', document.id)
    assert.lengthOf(downloads, 1)
    assert.isNull(downloads[0].userId)
    assert.isNull(await FolderGrant.findBy('user_id', member.id))
    assert.lengthOf(await versionsOf(document), 1)
  })
})
