import { test } from '@japa/runner'
import {
  clearanceOf,
  effectiveLevel,
  LibraryAccess,
  type AccessLevel,
} from '#services/documents/library_access'
import User from '#models/user'

function user(role: User['role'], verified = true) {
  const account = new User()
  account.merge({ role, status: 'active', emailVerifiedAt: verified ? ({} as never) : null })
  return account
}

const tree = [
  { id: 1, parentId: null, name: 'Members', accessLevel: 'members' as AccessLevel },
  { id: 2, parentId: 1, name: 'Inherits', accessLevel: null },
  { id: 3, parentId: 1, name: 'Board', accessLevel: 'board' as AccessLevel },
  { id: 4, parentId: 3, name: 'Looser below', accessLevel: 'public' as AccessLevel },
  { id: 5, parentId: null, name: 'Public', accessLevel: 'public' as AccessLevel },
]

test.group('Documents / effective level', () => {
  test('the strictest level on the path wins; null inherits', ({ assert }) => {
    assert.equal(effectiveLevel([]), 'public')
    assert.equal(effectiveLevel(['members', null]), 'members')
    assert.equal(effectiveLevel(['members', 'board', 'public']), 'board')
    assert.equal(effectiveLevel(['public', null, 'admin']), 'admin')
  })

  test('clearance follows the role; unverified or suspended accounts are visitors', ({
    assert,
  }) => {
    assert.equal(clearanceOf(null), 'public')
    assert.equal(clearanceOf(user('user')), 'public')
    assert.equal(clearanceOf(user('member')), 'members')
    assert.equal(clearanceOf(user('board')), 'board')
    assert.equal(clearanceOf(user('admin')), 'admin')
    assert.equal(clearanceOf(user('admin', false)), 'public')
    const suspended = user('board')
    suspended.status = 'suspended'
    assert.equal(clearanceOf(suspended), 'public')
  })

  test('a level set looser below a stricter folder does not loosen it', ({ assert }) => {
    const access = new LibraryAccess(user('member'), tree, new Map())
    assert.equal(access.folderLevel(2), 'members')
    assert.equal(access.folderLevel(4), 'board')
    assert.isTrue(access.canReadFolder(2))
    assert.isFalse(access.canReadFolder(4))
    assert.isFalse(access.canReadDocument({ folderId: 2, accessLevel: 'board' }))
    assert.isTrue(access.canReadDocument({ folderId: 2, accessLevel: 'public' }))
  })

  test('a grant covers what inherits from the granted folder, not what is stricter below', ({
    assert,
  }) => {
    const access = new LibraryAccess(user('user'), tree, new Map([[1, 'read' as const]]))
    assert.isTrue(access.canReadFolder(1))
    assert.isTrue(access.canReadFolder(2))
    assert.isFalse(access.canReadFolder(3))
    assert.isFalse(access.canEditFolderContents(1))
    assert.isFalse(access.canReadDocument({ folderId: 2, accessLevel: 'board' }))
  })

  test('editors: the board on what it reads, and edit grants', ({ assert }) => {
    const board = new LibraryAccess(user('board'), tree, new Map())
    assert.isTrue(board.canEditFolderContents(3))
    assert.isTrue(board.canManageFolder(3))
    assert.isFalse(board.canReadDocument({ folderId: 3, accessLevel: 'admin' }))
    const committee = new LibraryAccess(user('member'), tree, new Map([[3, 'edit' as const]]))
    assert.isTrue(committee.canEditFolderContents(3))
    assert.isFalse(committee.canManageFolder(3))
    assert.isFalse(committee.canEditFolderContents(1))
  })

  test('choosable levels: the parent level or stricter, up to the chooser', ({ assert }) => {
    const board = new LibraryAccess(user('board'), tree, new Map())
    assert.deepEqual(board.choosableLevels(null), ['public', 'members', 'board'])
    assert.deepEqual(board.choosableLevels(1), ['members', 'board'])
    assert.deepEqual(board.choosableLevels(3), ['board'])
  })

  test('a suspended account keeps no grant', ({ assert }) => {
    const suspended = user('member')
    suspended.status = 'suspended'
    const access = new LibraryAccess(suspended, tree, new Map([[1, 'edit' as const]]))
    assert.isFalse(access.canReadFolder(1))
  })
})
