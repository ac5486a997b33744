import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  htmlOf,
  isolateDirectory,
  namesOn,
  statusOf,
  listedNames,
  makeMember,
  makeMembers,
  makeType,
  makeViewer,
  openToVisitors,
} from '#tests/functional/directory/helpers'

/**
 * A directory with one member of each kind. Names are unique per test so the assertions cannot
 * match someone else's row.
 */
async function population() {
  const type = await makeType()
  const [publicOne, membersOne, privateOne, graceOne, inactiveOne, pendingOne, disabledOne] =
    await makeMembers([
      { name: 'Pauline Publica', typeId: type.id, visibility: 'public', showEmail: true },
      { name: 'Marcel Membrum', typeId: type.id, visibility: 'members', showEmail: false },
      { name: 'Priya Privata', typeId: type.id, visibility: 'private', showEmail: true },
      { name: 'Gustav Gracia', typeId: type.id, visibility: 'public', membership: 'grace' },
      { name: 'Ines Inactiva', typeId: type.id, visibility: 'public', membership: 'inactive' },
      { name: 'Pia Pendens', typeId: type.id, visibility: 'public', membership: 'pending' },
      {
        name: 'Dora Disabled',
        typeId: type.id,
        visibility: 'public',
        accountStatus: 'disabled',
      },
    ])
  return { type, publicOne, membersOne, privateOne, graceOne, inactiveOne, pendingOne, disabledOne }
}

const NEVER_LISTED = ['Ines Inactiva', 'Pia Pendens', 'Dora Disabled']

test.group('Directory / privacy by role', (group) => {
  isolateDirectory(group)

  test('a visitor is sent to sign in when the directory is for members only', async ({
    client,
    assert,
  }) => {
    const { publicOne } = await population()
    for (const url of ['/members', '/members?q=pauline', `/members/${publicOne.id}`]) {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      assert.match(response.header('location') ?? '', /^\/login(\?|$)/)
      assert.notInclude(response.text(), 'Pauline')
    }
  })

  test('a visitor sees only public profiles of members in good standing when it is open', async ({
    client,
    assert,
  }) => {
    const people = await population()
    openToVisitors(true)

    const names = await namesOn(client.get('/members'))
    assert.includeMembers(names, ['Pauline Publica', 'Gustav Gracia'])
    for (const hidden of ['Marcel Membrum', 'Priya Privata', ...NEVER_LISTED]) {
      assert.notInclude(names, hidden)
    }

    const search = await namesOn(client.get('/members?q=marcel'))
    assert.deepEqual(search, [], 'search does not find a members-only profile')

    assert.equal(await statusOf(client.get(`/members/${people.publicOne.id}`)), 200)
    for (const hidden of [
      people.membersOne,
      people.privateOne,
      people.inactiveOne,
      people.disabledOne,
    ]) {
      assert.equal(await statusOf(client.get(`/members/${hidden.id}`)), 404)
    }
  })

  test('a signed-in non-member gets no more than a visitor', async ({ client, assert }) => {
    const people = await population()
    const user = await makeViewer('user')

    assert.equal(await statusOf(client.get('/members').loginAs(user)), 403)
    assert.equal(await statusOf(client.get(`/members/${people.publicOne.id}`).loginAs(user)), 403)

    openToVisitors(true)
    const names = await namesOn(client.get('/members').loginAs(user))
    assert.include(names, 'Pauline Publica')
    assert.notInclude(names, 'Marcel Membrum')
    assert.notInclude(names, 'Priya Privata')
    assert.equal(await statusOf(client.get(`/members/${people.membersOne.id}`).loginAs(user)), 404)
  })

  test('a member sees public and members-only profiles, never private ones', async ({
    client,
    assert,
  }) => {
    const people = await population()
    const member = await makeViewer('member')

    const response = await client.get('/members').loginAs(member)
    response.assertStatus(200)
    const names = listedNames(response.text())
    assert.includeMembers(names, ['Pauline Publica', 'Marcel Membrum', 'Gustav Gracia'])
    assert.notInclude(names, 'Priya Privata')
    for (const hidden of NEVER_LISTED) assert.notInclude(names, hidden)

    assert.deepEqual(await namesOn(client.get('/members?q=priya').loginAs(member)), [])
    assert.equal(
      await statusOf(client.get(`/members/${people.membersOne.id}`).loginAs(member)),
      200
    )
    assert.equal(
      await statusOf(client.get(`/members/${people.privateOne.id}`).loginAs(member)),
      404
    )
    assert.equal(
      await statusOf(client.get(`/members/${people.inactiveOne.id}`).loginAs(member)),
      404
    )
  })

  test('a member with a private profile still finds their own', async ({ client, assert }) => {
    const { privateOne } = await population()
    const names = await namesOn(client.get('/members?q=priya').loginAs(privateOne))
    assert.deepEqual(names, ['Priya Privata'])
    assert.equal(await statusOf(client.get(`/members/${privateOne.id}`).loginAs(privateOne)), 200)
  })

  for (const role of ['board', 'admin'] as const) {
    test(`the ${role} sees private profiles too`, async ({ client, assert }) => {
      const people = await population()
      const viewer = await makeViewer(role)

      const names = await namesOn(client.get('/members').loginAs(viewer))
      assert.includeMembers(names, ['Pauline Publica', 'Marcel Membrum', 'Priya Privata'])
      for (const hidden of NEVER_LISTED) assert.notInclude(names, hidden)
      assert.deepEqual(await namesOn(client.get('/members?q=priya').loginAs(viewer)), [
        'Priya Privata',
      ])
      assert.equal(
        await statusOf(client.get(`/members/${people.privateOne.id}`).loginAs(viewer)),
        200
      )
    })
  }

  test('emails appear only where the member allows it, whoever looks', async ({
    client,
    assert,
  }) => {
    const people = await population()
    const board = await makeViewer('board')
    const list = await htmlOf(client.get('/members').loginAs(board))
    assert.include(list, `mailto:${people.publicOne.email}`)
    assert.include(list, `mailto:${people.privateOne.email}`)
    assert.notInclude(list, people.membersOne.email)

    const page = await htmlOf(client.get(`/members/${people.membersOne.id}`).loginAs(board))
    assert.notInclude(page, people.membersOne.email)
    const shown = await htmlOf(client.get(`/members/${people.publicOne.id}`).loginAs(board))
    assert.include(shown, `mailto:${people.publicOne.email}`)
  })

  test('the status history is shown to the member and the board only', async ({
    client,
    assert,
  }) => {
    const type = await makeType()
    const subject = await makeMember({
      name: 'Hector Historia',
      typeId: type.id,
      visibility: 'public',
    })
    const board = await makeViewer('board')
    const otherMember = await makeViewer('member')
    const membership = await db.from('memberships').where('user_id', subject.id).firstOrFail()
    await db.table('membership_history').insert({
      membership_id: membership.id,
      event: 'status_change',
      from_status: 'pending',
      to_status: 'active',
      reason: 'Approved at the spring meeting',
      actor_id: board.id,
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })

    for (const viewer of [subject, board]) {
      const page = await htmlOf(client.get(`/members/${subject.id}`).loginAs(viewer))
      assert.include(page, 'Status history')
      assert.include(page, 'Approved at the spring meeting')
    }
    const page = await htmlOf(client.get(`/members/${subject.id}`).loginAs(otherMember))
    assert.notInclude(page, 'Status history')
    assert.notInclude(page, 'Approved at the spring meeting')

    openToVisitors(true)
    const visitorPage = await htmlOf(client.get(`/members/${subject.id}`))
    assert.include(visitorPage, 'Hector Historia')
    assert.notInclude(visitorPage, 'Approved at the spring meeting')
  })

  test('the profile page shows professional information and badges', async ({ client, assert }) => {
    const type = await makeType('Fellow')
    const subject = await makeMember({
      name: 'Beatrix Badgeholder',
      typeId: type.id,
      institution: 'University of Edinburgh',
      field: 'Astronomy',
      interests: 'exoplanets and variable stars',
      country: 'GB',
      startedOn: '2019-03-04',
    })
    const [badge] = await db
      .table('badges')
      .insert({
        name: 'Founding member',
        slug: 'founding-member-directory',
        icon: '★',
        created_at: DateTime.utc().toSQL({ includeOffset: false }),
      })
      .returning('id')
    await db.table('member_badges').insert({
      badge_id: typeof badge === 'object' ? badge.id : badge,
      user_id: subject.id,
      awarded_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    const member = await makeViewer('member')
    const page = await htmlOf(client.get(`/members/${subject.id}`).loginAs(member))
    for (const text of [
      'University of Edinburgh',
      'Astronomy',
      'exoplanets and variable stars',
      'United Kingdom',
      '4 March 2019',
      'Founding member',
      type.name,
    ]) {
      assert.include(page, text)
    }
  })

  test('a missing member and a hidden member look the same', async ({ client, assert }) => {
    const { privateOne } = await population()
    const member = await makeViewer('member')
    const missing = await client.get('/members/999999').loginAs(member)
    const hidden = await client.get(`/members/${privateOne.id}`).loginAs(member)
    assert.equal(missing.status(), 404)
    assert.equal(hidden.status(), 404)
    assert.notInclude(hidden.text(), 'Priya')
  })
})
