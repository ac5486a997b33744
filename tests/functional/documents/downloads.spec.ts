import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { isolateDatabase } from '#tests/helpers/database'
import DocumentDownload from '#models/document_download'
import {
  bytesOf,
  deleteFilesOf,
  makeDocument,
  makeFolder,
  minimalPdf,
  randomIp,
  roles,
  versionsOf,
} from '#tests/functional/documents/helpers'

test.group('Documents / downloads', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'document_download_user')

  test('a PDF is served inline with its detected type, nosniff and no caching by others', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const pdf = minimalPdf('Inline')
    const document = await makeDocument(board, await makeFolder('Minutes', 'members'), {}, pdf)
    cleanup(() => deleteFilesOf(document))

    const response = await client
      .get(`/documents/${document.id}/download`)
      .header('x-forwarded-for', randomIp())
      .loginAs(member)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    response.assertHeader('x-content-type-options', 'nosniff')
    response.assertHeader('content-disposition', 'inline; filename="report.pdf"')
    response.assertHeader('accept-ranges', 'bytes')
    assert.include(response.header('cache-control') ?? '', 'private')
    assert.deepEqual(bytesOf(response), pdf)
  })

  test('each download is recorded with who, when and which version; counts shown to editors only', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const document = await makeDocument(board, await makeFolder('Minutes', 'members'))
    cleanup(() => deleteFilesOf(document))
    const [version] = await versionsOf(document)

    await client.get(`/documents/${document.id}/download`).loginAs(member)
    await client.get(`/documents/${document.id}/versions/${version.id}/download`).loginAs(member)

    const downloads = await DocumentDownload.query().where('document_id', document.id)
    assert.lengthOf(downloads, 2)
    for (const download of downloads) {
      assert.equal(download.userId, member.id)
      assert.equal(download.documentVersionId, version.id)
      assert.isNotNull(download.createdAt)
    }

    const asEditor = await client.get(`/documents/${document.id}`).loginAs(board)
    asEditor.assertTextIncludes('Recent downloads')
    asEditor.assertTextIncludes(member.name)
    assert.match(asEditor.text(), /<th scope="col">Downloads<\/th>/)
    assert.match(asEditor.text(), /<td>2<\/td>/)

    const asMember = await client.get(`/documents/${document.id}`).loginAs(member)
    assert.notInclude(asMember.text(), 'Recent downloads')
    assert.notInclude(asMember.text(), '<th scope="col">Downloads</th>')
  })

  test('a byte range is answered with 206 and Content-Range, and counted once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const pdf = minimalPdf('Ranges')
    const document = await makeDocument(board, await makeFolder('Minutes', 'members'), {}, pdf)
    cleanup(() => deleteFilesOf(document))

    const head = await client
      .get(`/documents/${document.id}/download`)
      .header('range', 'bytes=0-7')
      .loginAs(board)
    head.assertStatus(206)
    head.assertHeader('content-range', `bytes 0-7/${pdf.length}`)
    head.assertHeader('content-length', '8')
    assert.equal(bytesOf(head).toString('latin1'), '%PDF-1.4')

    const tail = await client
      .get(`/documents/${document.id}/download`)
      .header('range', 'bytes=100-')
      .loginAs(board)
    tail.assertStatus(206)
    tail.assertHeader('content-range', `bytes 100-${pdf.length - 1}/${pdf.length}`)
    assert.deepEqual(bytesOf(tail), pdf.subarray(100))

    const beyond = await client
      .get(`/documents/${document.id}/download`)
      .header('range', `bytes=${pdf.length + 10}-`)
      .loginAs(board)
    beyond.assertStatus(416)
    beyond.assertHeader('content-range', `bytes */${pdf.length}`)

    assert.lengthOf(await DocumentDownload.query().where('document_id', document.id), 1)
  })

  test('downloads are rate limited per account', async ({ client, cleanup }) => {
    const board = await roles.board()
    const member = await roles.member()
    const document = await makeDocument(board, await makeFolder('Minutes', 'members'))
    cleanup(() => deleteFilesOf(document))

    for (let i = 0; i < 30; i++) {
      const response = await client
        .get(`/documents/${document.id}/download`)
        .header('x-forwarded-for', randomIp())
        .loginAs(member)
      response.assertStatus(200)
    }
    const limited = await client
      .get(`/documents/${document.id}/download`)
      .header('x-forwarded-for', randomIp())
      .loginAs(member)
    limited.assertStatus(429)
    limited.assertHeaderMissing('content-disposition')
  })

  test('downloads are rate limited per IP address, across accounts', async ({
    client,
    cleanup,
  }) => {
    const board = await roles.board()
    const document = await makeDocument(board, await makeFolder('Open', 'public'))
    cleanup(() => deleteFilesOf(document))
    const ip = randomIp()
    const members = [await roles.member(), await roles.member(), await roles.member()]

    for (let i = 0; i < 60; i++) {
      const response = await client
        .get(`/documents/${document.id}/download`)
        .header('x-forwarded-for', ip)
        .loginAs(members[i % 3])
      response.assertStatus(200)
    }
    const limited = await client
      .get(`/documents/${document.id}/download`)
      .header('x-forwarded-for', ip)
      .loginAs(members[0])
    limited.assertStatus(429)
  })

  test('a visitor may download a public document, recorded without a user', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const document = await makeDocument(board, await makeFolder('Statutes', 'public'))
    cleanup(() => deleteFilesOf(document))
    const response = await client
      .get(`/documents/${document.id}/download`)
      .header('x-forwarded-for', randomIp())
    response.assertStatus(200)
    const [download] = await DocumentDownload.query().where('document_id', document.id)
    assert.isNull(download.userId)
  })
})
