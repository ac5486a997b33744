import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { queriesDuring, touching } from '#tests/helpers/queries'
import FolderGrant from '#models/folder_grant'
import type User from '#models/user'
import {
  createFolder,
  deleteFilesOf,
  expectStatus,
  makeDocument,
  makeFolder,
  randomIp,
  roles,
  versionsOf,
} from '#tests/functional/documents/helpers'

type Viewer = 'visitor' | keyof typeof roles

const VIEWERS: Viewer[] = ['visitor', 'user', 'member', 'board', 'admin']

// Who reads what: each level against each role.
const EXPECTED: Record<string, Viewer[]> = {
  public: ['visitor', 'user', 'member', 'board', 'admin'],
  members: ['member', 'board', 'admin'],
  board: ['board', 'admin'],
  admin: ['admin'],
}

async function viewer(kind: Viewer): Promise<User | null> {
  return kind === 'visitor' ? null : roles[kind]()
}

test.group('Documents / access by role and level', (group) => {
  isolateDatabase(group)

  for (const [level, allowed] of Object.entries(EXPECTED)) {
    test('a {$self} folder, its document and its version are readable only by the right roles')
      .with([level])
      .run(async ({ client, assert, cleanup }) => {
        const admin = await roles.admin()
        const folder = await makeFolder(`Folder ${level}`, level as 'public')
        const document = await makeDocument(admin, folder, { title: `Paper ${level}` })
        cleanup(() => deleteFilesOf(document))
        const [version] = await versionsOf(document)

        for (const kind of VIEWERS) {
          const user = await viewer(kind)
          const urls = [
            `/documents/folders/${folder.id}`,
            `/documents/${document.id}`,
            `/documents/${document.id}/download`,
            `/documents/${document.id}/versions/${version.id}/download`,
          ]
          for (const url of urls) {
            const request = client.get(url).header('x-forwarded-for', randomIp()).redirects(0)
            const response = await (user ? request.loginAs(user) : request)
            assert.equal(
              response.status(),
              allowed.includes(kind) ? 200 : 404,
              `${kind} on ${url} (${level})`
            )
          }
        }
      })
  }

  test('a subfolder inherits the stricter level of its parent', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const parent = await makeFolder('Board papers', 'board')
    const child = await makeFolder('2024', null, parent)
    const document = await makeDocument(board, child)
    cleanup(() => deleteFilesOf(document))

    const asMember = await client.get(`/documents/${document.id}`).loginAs(member)
    asMember.assertStatus(404)
    const folderAsMember = await client.get(`/documents/folders/${child.id}`).loginAs(member)
    folderAsMember.assertStatus(404)
    const asBoard = await client.get(`/documents/${document.id}`).loginAs(board)
    asBoard.assertStatus(200)
    assert.include(asBoard.text(), 'The board')
  })

  test('a document can be stricter than its folder, and then only that level reads it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const folder = await makeFolder('Minutes', 'members')
    const open = await makeDocument(board, folder, { title: 'General meeting minutes' })
    const closed = await makeDocument(board, folder, {
      title: 'Disciplinary hearing',
      accessLevel: 'board',
    })
    cleanup(() => deleteFilesOf(open))
    cleanup(() => deleteFilesOf(closed))

    const listing = await client.get(`/documents/folders/${folder.id}`).loginAs(member)
    listing.assertTextIncludes('General meeting minutes')
    assert.notInclude(listing.text(), 'Disciplinary hearing')
    await expectStatus(client.get(`/documents/${closed.id}`).loginAs(member), 404)
    await expectStatus(client.get(`/documents/${closed.id}/download`).loginAs(member), 404)
    await expectStatus(client.get(`/documents/${closed.id}`).loginAs(board), 200)
  })

  test('a subfolder or document cannot be looser than its folder', async ({ client, assert }) => {
    const board = await roles.board()
    const parent = await makeFolder('Members area', 'members')
    const response = await createFolder(client, board, {
      name: 'Open corner',
      accessLevel: 'public',
      parentId: parent.id,
    })
    response.assertStatus(422)
    response.assertTextIncludes('This level is looser than the folder it sits in')
    assert.lengthOf(await parent.related('children').query(), 0)
  })

  test('a read grant opens a board folder to a named member, but not what is stricter inside', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const outsider = await roles.member()
    const folder = await makeFolder('Festival committee', 'board')
    const sub = await makeFolder('Budget', null, folder)
    const shared = await makeDocument(board, sub, { title: 'Festival plan' })
    const adminOnly = await makeDocument(await roles.admin(), folder, {
      title: 'Contract',
      accessLevel: 'admin',
    })
    cleanup(() => deleteFilesOf(shared))
    cleanup(() => deleteFilesOf(adminOnly))
    await FolderGrant.create({ folderId: folder.id, userId: member.id, permission: 'read' })

    await expectStatus(client.get(`/documents/folders/${folder.id}`).loginAs(member), 200)
    const page = await client.get(`/documents/${shared.id}`).loginAs(member)
    page.assertStatus(200)
    assert.notInclude(page.text(), 'Upload a new version')
    await expectStatus(client.get(`/documents/${shared.id}/download`).loginAs(member), 200)
    await expectStatus(client.get(`/documents/${adminOnly.id}`).loginAs(member), 404)
    await expectStatus(client.get(`/documents/${shared.id}`).loginAs(outsider), 404)
    await expectStatus(
      client.get(`/documents/folders/${sub.id}/documents/new`).loginAs(member),
      403
    )
  })

  test('an edit grant lets a committee member upload into the folder', async ({ client }) => {
    const member = await roles.member()
    const folder = await makeFolder('Festival committee', 'board')
    await FolderGrant.create({ folderId: folder.id, userId: member.id, permission: 'edit' })
    const form = await client.get(`/documents/folders/${folder.id}/documents/new`).loginAs(member)
    form.assertStatus(200)
    form.assertTextIncludes('Upload a document')
    const settings = await client.get(`/documents/folders/${folder.id}/edit`).loginAs(member)
    settings.assertStatus(403)
  })

  test('members cannot create, edit or delete folders or documents', async ({
    client,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const folder = await makeFolder('Minutes', 'members')
    const document = await makeDocument(board, folder)
    cleanup(() => deleteFilesOf(document))

    await expectStatus(client.get('/documents/folders/new').loginAs(member), 403)
    await expectStatus(createFolder(client, member, { name: 'Mine', accessLevel: 'members' }), 403)
    await expectStatus(
      client.delete(`/documents/folders/${folder.id}`).loginAs(member).withCsrfToken(),
      403
    )
    await expectStatus(client.get(`/documents/${document.id}/edit`).loginAs(member), 403)
    await expectStatus(
      client.delete(`/documents/${document.id}`).loginAs(member).withCsrfToken(),
      403
    )
    await expectStatus(
      client.post(`/documents/folders/${folder.id}/documents`).loginAs(member).withCsrfToken(),
      403
    )
  })

  test('a visitor is refused a members-only file by its direct URL and by its version URL', async ({
    client,
    assert,
    cleanup,
  }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const document = await makeDocument(board, folder)
    cleanup(() => deleteFilesOf(document))
    const [version] = await versionsOf(document)

    for (const url of [
      `/documents/${document.id}/download`,
      `/documents/${document.id}/versions/${version.id}/download`,
    ]) {
      const response = await client.get(url).header('x-forwarded-for', randomIp()).redirects(0)
      response.assertStatus(404)
      response.assertHeaderMissing('content-disposition')
      assert.notInclude(response.text(), '%PDF')
    }
  })

  test('a version URL cannot reach another document through a readable one', async ({
    client,
    cleanup,
  }) => {
    const board = await roles.board()
    const member = await roles.member()
    const open = await makeDocument(board, await makeFolder('Open', 'members'))
    const closed = await makeDocument(board, await makeFolder('Board', 'board'))
    cleanup(() => deleteFilesOf(open))
    cleanup(() => deleteFilesOf(closed))
    const [closedVersion] = await versionsOf(closed)
    const response = await client
      .get(`/documents/${open.id}/versions/${closedVersion.id}/download`)
      .loginAs(member)
    response.assertStatus(404)
  })

  test('every folder route answers 404 for a folder the viewer cannot see, 403 for one they only read', async ({
    client,
  }) => {
    const member = await roles.member()
    const hidden = await makeFolder('Board papers', 'board')
    const readable = await makeFolder('Minutes', 'members')
    const routes = (id: number | string) => [
      client.get(`/documents/folders/${id}/edit`),
      client.put(`/documents/folders/${id}`).form({ name: 'Renamed' }).withCsrfToken(),
      client.delete(`/documents/folders/${id}`).withCsrfToken(),
      client
        .post(`/documents/folders/${id}/grants`)
        .form({ email: 'a@example.org' })
        .withCsrfToken(),
      client.get(`/documents/folders/${id}/documents/new`),
      client.post(`/documents/folders/${id}/documents`).withCsrfToken(),
    ]
    for (const request of routes(hidden.id)) await expectStatus(request.loginAs(member), 404)
    for (const request of routes(999999)) await expectStatus(request.loginAs(member), 404)
    for (const request of routes(readable.id)) await expectStatus(request.loginAs(member), 403)
    await expectStatus(
      client.get(`/documents/folders/new?parent=${hidden.id}`).loginAs(member),
      404
    )
    await expectStatus(client.get('/documents/folders/new?parent=abc').loginAs(member), 404)
  })

  test('search only finds what the viewer may read', async ({ client, assert, cleanup }) => {
    const board = await roles.board()
    const member = await roles.member()
    const members = await makeFolder('Minutes', 'members')
    const boardFolder = await makeFolder('Board', 'board')
    const a = await makeDocument(board, members, { title: 'Budget 2025 summary', tags: 'finance' })
    const b = await makeDocument(board, boardFolder, {
      title: 'Budget 2025 salaries',
      tags: 'finance',
    })
    const c = await makeDocument(board, members, {
      title: 'Walking routes',
      description: 'Includes the budget for the minibus',
    })
    cleanup(async () => {
      await Promise.all([a, b, c].map(deleteFilesOf))
    })

    const asMember = await client.get('/documents?q=budget').loginAs(member)
    asMember.assertTextIncludes('Budget 2025 summary')
    asMember.assertTextIncludes('Walking routes')
    assert.notInclude(asMember.text(), 'Budget 2025 salaries')

    const byTag = await client.get('/documents?tag=finance').loginAs(board)
    byTag.assertTextIncludes('Budget 2025 summary')
    byTag.assertTextIncludes('Budget 2025 salaries')
    assert.notInclude(byTag.text(), 'Walking routes')

    const asVisitor = await client.get('/documents?q=budget')
    asVisitor.assertStatus(200)
    assert.notInclude(asVisitor.text(), 'Budget 2025')
  })

  test('tag search takes % and _ literally', async ({ client, assert, cleanup }) => {
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const documents = await Promise.all([
      makeDocument(board, folder, { title: 'Discount plan', tags: '50%' }),
      makeDocument(board, folder, { title: 'Fifty ways', tags: '50 ways' }),
      makeDocument(board, folder, { title: 'Question one', tags: 'q_1' }),
      makeDocument(board, folder, { title: 'Queue one', tags: 'qx1' }),
    ])
    cleanup(async () => {
      await Promise.all(documents.map(deleteFilesOf))
    })

    const percent = await client.get('/documents').qs({ tag: '50%' }).loginAs(board)
    percent.assertStatus(200)
    percent.assertTextIncludes('Discount plan')
    assert.notInclude(percent.text(), 'Fifty ways')

    const underscore = await client.get('/documents').qs({ tag: 'q_1' }).loginAs(board)
    underscore.assertTextIncludes('Question one')
    assert.notInclude(underscore.text(), 'Queue one')

    const wildcard = await client.get('/documents').qs({ tag: '%' }).loginAs(board)
    wildcard.assertStatus(200)
    for (const title of ['Discount plan', 'Fifty ways', 'Question one', 'Queue one']) {
      assert.notInclude(wildcard.text(), title)
    }

    const text = await client.get('/documents').qs({ q: 'q_1' }).loginAs(board)
    text.assertTextIncludes('Question one')
    assert.notInclude(text.text(), 'Queue one')
  })
})

test.group('Documents / one access check per request', (group) => {
  isolateDatabase(group)

  test("each library page loads the folder tree and the viewer's grants once", async ({
    client,
    assert,
    cleanup,
  }) => {
    const member = await roles.member()
    const committee = await makeFolder('Festival committee', 'board')
    await makeFolder('Drafts', null, committee)
    await makeFolder('Treasurer only', 'admin', committee)
    await FolderGrant.create({ folderId: committee.id, userId: member.id, permission: 'edit' })
    const document = await makeDocument(await roles.board(), committee, { title: 'Stall plan' })
    cleanup(() => deleteFilesOf(document))

    const pages = [
      { url: '/documents', text: 'Festival committee', folderQueries: 2 },
      { url: `/documents/folders/${committee.id}`, text: 'Drafts', folderQueries: 2 },
      {
        url: `/documents/folders/${committee.id}/documents/new`,
        text: 'Upload a document',
        folderQueries: 2,
      },
      { url: `/documents/${document.id}`, text: 'Stall plan', folderQueries: 1 },
      { url: `/documents/${document.id}/edit`, text: 'Stall plan', folderQueries: 1 },
    ]
    for (const page of pages) {
      let text = ''
      const statements = await queriesDuring(async () => {
        const response = await client.get(page.url).loginAs(member)
        response.assertStatus(200)
        text = response.text()
      })
      assert.include(text, page.text, page.url)
      assert.notInclude(text, 'Treasurer only', page.url)
      assert.equal(touching(statements, 'folders'), page.folderQueries, `folders on ${page.url}`)
      assert.equal(touching(statements, 'folder_grants'), 1, `grants on ${page.url}`)
    }
  })
})
