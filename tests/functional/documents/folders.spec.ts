import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import Folder from '#models/folder'
import FolderGrant from '#models/folder_grant'
import Document from '#models/document'
import AuditLog from '#models/audit_log'
import {
  createFolder,
  deleteFilesOf,
  expectStatus,
  grantFolder,
  makeDocument,
  makeFolder,
  roles,
  updateDocument,
  updateFolder,
} from '#tests/functional/documents/helpers'

test.group('Documents / folders', (group) => {
  isolateDatabase(group)

  test('a board member creates a folder and a subfolder, shown with breadcrumbs', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const created = await createFolder(client, board, { name: 'Minutes', accessLevel: 'members' })
    created.assertStatus(302)
    const parent = await Folder.findByOrFail('name', 'Minutes')
    assert.equal(parent.accessLevel, 'members')
    assert.equal(parent.createdById, board.id)

    await createFolder(client, board, { name: '2024', accessLevel: '', parentId: parent.id })
    const child = await Folder.findByOrFail('name', '2024')
    assert.equal(child.parentId, parent.id)
    assert.isNull(child.accessLevel)

    const page = await client.get(`/documents/folders/${child.id}`).loginAs(board)
    page.assertTextIncludes('aria-label="breadcrumb"')
    page.assertTextIncludes(`href="/documents/folders/${parent.id}"`)
    page.assertTextIncludes('Members')
    assert.isNotNull(await AuditLog.findBy('action', 'folder.created'))
  })

  test('an invalid folder form answers 422 with the message next to the field', async ({
    client,
  }) => {
    const board = await roles.board()
    const response = await createFolder(client, board, { name: '', accessLevel: 'members' })
    response.assertStatus(422)
    response.assertTextIncludes('id="field-name-error"')

    await makeFolder('Reports', 'members')
    const duplicate = await createFolder(client, board, { name: 'reports', accessLevel: 'members' })
    duplicate.assertStatus(422)
    duplicate.assertTextIncludes('A folder with this name is already there.')
    duplicate.assertTextIncludes(`value="reports"`)
  })

  test('a folder is renamed and moved; a move never loosens what it protects', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const boardFolder = await makeFolder('Board', 'board')
    const open = await makeFolder('Public', 'public')
    const child = await makeFolder('Drafts', null, boardFolder)

    const response = await updateFolder(client, board, child, {
      name: 'Old drafts',
      parentId: open.id,
      accessLevel: '',
    })
    response.assertStatus(302)
    await child.refresh()
    assert.equal(child.name, 'Old drafts')
    assert.equal(child.parentId, open.id)
    assert.equal(child.accessLevel, 'board')
    const visitor = await client.get(`/documents/folders/${child.id}`)
    visitor.assertStatus(404)
  })

  test('a folder cannot be moved into itself or below itself', async ({ client, assert }) => {
    const board = await roles.board()
    const top = await makeFolder('Top', 'members')
    const below = await makeFolder('Below', null, top)
    const response = await updateFolder(client, board, top, {
      name: 'Top',
      parentId: below.id,
      accessLevel: 'members',
    })
    response.assertStatus(422)
    response.assertTextIncludes('A folder cannot be moved into itself.')
    await top.refresh()
    assert.isNull(top.parentId)
  })

  test('only an empty folder can be deleted', async ({ client, assert, cleanup }) => {
    const board = await roles.board()
    const folder = await makeFolder('Reports', 'members')
    const document = await makeDocument(board, folder)
    cleanup(() => deleteFilesOf(document))

    const refused = await client
      .delete(`/documents/folders/${folder.id}`)
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage(
      'error',
      'Only an empty folder can be deleted. Move or delete what it holds first.'
    )
    assert.isNotNull(await Folder.find(folder.id))

    await client.delete(`/documents/${document.id}`).loginAs(board).withCsrfToken()
    assert.isNull(await Document.find(document.id))
    const deleted = await client
      .delete(`/documents/folders/${folder.id}`)
      .loginAs(board)
      .withCsrfToken()
      .redirects(0)
    deleted.assertStatus(302)
    assert.isNull(await Folder.find(folder.id))
    assert.isNotNull(await AuditLog.findBy('action', 'folder.deleted'))
  })

  test('the board grants and revokes a folder to a named member', async ({ client, assert }) => {
    const board = await roles.board()
    const member = await roles.member()
    const folder = await makeFolder('Festival committee', 'board')

    await grantFolder(client, board, folder, { email: member.email, permission: 'read' })
    const grant = await FolderGrant.findByOrFail('user_id', member.id)
    assert.equal(grant.folderId, folder.id)
    await expectStatus(client.get(`/documents/folders/${folder.id}`).loginAs(member), 200)
    const audit = await AuditLog.findByOrFail('action', 'folder.granted')
    assert.equal(audit.subjectId, member.id)

    const unknown = await grantFolder(client, board, folder, {
      email: 'nobody@example.org',
      permission: 'read',
    })
    unknown.assertFlashMessage('error', 'No active account has this email address.')

    await expectStatus(
      grantFolder(client, member, folder, { email: member.email, permission: 'edit' }),
      403
    )

    await client
      .delete(`/documents/folders/${folder.id}/grants/${grant.id}`)
      .loginAs(board)
      .withCsrfToken()
    assert.isNull(await FolderGrant.find(grant.id))
    await expectStatus(client.get(`/documents/folders/${folder.id}`).loginAs(member), 404)
  })

  test('an editor updates a document; a stricter level hides it from members', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const folder = await makeFolder('Minutes', 'members')
    const document = await makeDocument(board, folder)
    cleanup(() => deleteFilesOf(document))

    const response = await updateDocument(client, board, document, {
      title: 'Minutes of the March meeting',
      description: 'Draft',
      tags: 'minutes, 2025',
      accessLevel: 'board',
      reviewOn: '2030-01-31',
      folderId: folder.id,
    })
    response.assertStatus(302)
    await document.refresh()
    assert.equal(document.title, 'Minutes of the March meeting')
    assert.equal(document.accessLevel, 'board')
    assert.equal(document.reviewOn?.toISODate(), '2030-01-31')
    await expectStatus(client.get(`/documents/${document.id}`).loginAs(member), 404)

    const looser = await updateDocument(client, board, document, {
      title: 'x',
      accessLevel: 'public',
      folderId: folder.id,
    })
    looser.assertStatus(422)
    looser.assertTextIncludes('This level is looser than the folder')
  })

  test('a document moves to another folder and is then seen as that folder allows', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const minutes = await makeFolder('Minutes', 'members')
    const boardPapers = await makeFolder('Board papers', 'board')
    const document = await makeDocument(board, minutes, { title: 'Budget draft' })
    cleanup(() => deleteFilesOf(document))
    await expectStatus(client.get(`/documents/${document.id}`).loginAs(member), 200)

    const response = await updateDocument(client, board, document, {
      title: 'Budget draft',
      folderId: boardPapers.id,
    })
    response.assertStatus(302)
    await document.refresh()
    assert.equal(document.folderId, boardPapers.id)

    await expectStatus(client.get(`/documents/${document.id}`).loginAs(member), 404)
    await expectStatus(client.get(`/documents/${document.id}/download`).loginAs(member), 404)
    const oldFolder = await client.get(`/documents/folders/${minutes.id}`).loginAs(member)
    assert.notInclude(oldFolder.text(), 'Budget draft')
    const newFolder = await client.get(`/documents/folders/${boardPapers.id}`).loginAs(board)
    newFolder.assertTextIncludes('Budget draft')
    const search = await client.get('/documents?q=budget').loginAs(member)
    assert.notInclude(search.text(), 'Budget draft')
  })

  test('a document cannot be moved into a folder the editor may not add to', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const committee = await makeFolder('Festival committee', 'members')
    const other = await makeFolder('Walks', 'members')
    const closed = await makeFolder('Board papers', 'board')
    await FolderGrant.create({ folderId: committee.id, userId: member.id, permission: 'edit' })
    const document = await makeDocument(board, committee, { title: 'Stall plan' })
    cleanup(() => deleteFilesOf(document))

    for (const target of [other, closed]) {
      const response = await updateDocument(client, member, document, {
        title: 'Stall plan',
        folderId: target.id,
      })
      response.assertStatus(422)
      response.assertTextIncludes('Choose a folder you may add documents to.')
    }
    await document.refresh()
    assert.equal(document.folderId, committee.id)
    await expectStatus(client.get(`/documents/${document.id}`).loginAs(member), 200)
  })
})
