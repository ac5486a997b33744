import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import MembershipHistory from '#models/membership_history'
import type User from '#models/user'
import type { ProfileVisibility } from '#models/user'
import {
  htmlOf,
  isolateDirectory,
  linkHref,
  listedNames,
  makeMember,
  makeType,
  makeViewer,
  statusOf,
} from '#tests/functional/directory/helpers'

async function membershipOf(user: User) {
  return db.from('memberships').where('user_id', user.id).firstOrFail()
}

/** An institutional member (a membership with seats) in the given status. */
async function institution(name: string, status = 'active') {
  const type = await makeType('Institutional')
  const holder = await makeMember({ name, typeId: type.id, membership: status as any })
  return { type, holder, membership: await membershipOf(holder) }
}

/**
 * Someone who took a seat (accepted on `acceptedOn`); role and profile as the seat gives them.
 * Not accepted yet: the seat row has no user and no acceptance.
 */
async function seat(
  membershipId: number,
  name: string,
  options: { acceptedOn?: string; accepted?: boolean; visibility?: ProfileVisibility } = {}
) {
  const viewer = await makeViewer('user')
  await db
    .from('users')
    .where('id', viewer.id)
    .update({
      full_name: name,
      role: 'member',
      profile_visibility: options.visibility ?? 'members',
    })
  const accepted = options.accepted ?? true
  await db.table('membership_seats').insert({
    membership_id: membershipId,
    email: viewer.email.toLowerCase(),
    user_id: accepted ? viewer.id : null,
    invited_at: DateTime.utc().toSQL({ includeOffset: false }),
    accepted_at: accepted ? `${options.acceptedOn ?? '2024-03-05'} 10:00:00` : null,
    created_at: DateTime.utc().toSQL({ includeOffset: false }),
  })
  await viewer.refresh()
  return viewer
}

async function names(client: any, viewer: User, query = '') {
  const response = await client.get(`/members${query}`).loginAs(viewer)
  response.assertStatus(200)
  return listedNames(response.text())
}

test.group('Directory / seat holders of institutional and family memberships', (group) => {
  isolateDirectory(group)

  test('a seat holder is listed and has a profile while the membership is good', async ({
    client,
    assert,
  }) => {
    const { membership, type } = await institution('Ursula Universitas')
    const seated = await seat(membership.id, 'Sami Seated', { acceptedOn: '2024-03-05' })
    const member = await makeViewer('member')

    assert.includeMembers(await names(client, member), ['Ursula Universitas', 'Sami Seated'])
    assert.deepEqual(await names(client, member, '?q=sami'), ['Sami Seated'])
    assert.deepEqual(await names(client, member, `?type=${type.id}`), [
      'Sami Seated',
      'Ursula Universitas',
    ])

    const html = await htmlOf(client.get(`/members/${seated.id}`).loginAs(member))
    assert.include(html, `${type.name} (seat)`)
    assert.include(html, '<time datetime="2024-03-05">5 March 2024</time>')
  })

  test('in grace the seat holder stays; inactive or suspended, they are gone', async ({
    client,
    assert,
  }) => {
    const { membership } = await institution('Hedwig Hochschule')
    const seated = await seat(membership.id, 'Gaspard Gesetzt')
    const member = await makeViewer('member')

    for (const [status, listed] of [
      ['grace', true],
      ['inactive', false],
      ['suspended', false],
      ['pending', false],
    ] as const) {
      await db.from('memberships').where('id', membership.id).update({ status })
      const listedNow = await names(client, member)
      assert.equal(listedNow.includes('Gaspard Gesetzt'), listed, status)
      assert.equal(
        await statusOf(client.get(`/members/${seated.id}`).loginAs(member)),
        listed ? 200 : 404,
        status
      )
    }
  })

  test('an invitation not yet accepted lists nobody', async ({ client, assert }) => {
    const { membership } = await institution('Ottilie Offen')
    await seat(membership.id, 'Nadia Noch-nicht', { accepted: false })
    const member = await makeViewer('member')
    assert.notInclude(await names(client, member), 'Nadia Noch-nicht')
  })

  test('the seat holder’s profile privacy is respected', async ({ client, assert }) => {
    const { membership } = await institution('Pieter Primair')
    const hidden = await seat(membership.id, 'Rosa Reserviert', { visibility: 'private' })
    const member = await makeViewer('member')
    const board = await makeViewer('board')
    assert.notInclude(await names(client, member), 'Rosa Reserviert')
    assert.equal(await statusOf(client.get(`/members/${hidden.id}`).loginAs(member)), 404)
    assert.include(await names(client, board), 'Rosa Reserviert')
    assert.include(await names(client, hidden), 'Rosa Reserviert', 'they see themselves')
  })

  test('someone with their own membership and seats is listed once', async ({ client, assert }) => {
    const first = await institution('Agathe Erste')
    const second = await institution('Bruno Zweite')
    const twice = await seat(first.membership.id, 'Doppel Dora')
    await db.table('membership_seats').insert({
      membership_id: second.membership.id,
      email: `other-${twice.email}`,
      user_id: twice.id,
      invited_at: DateTime.utc().toSQL({ includeOffset: false }),
      accepted_at: '2024-06-01 10:00:00',
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    const member = await makeViewer('member')
    const withSeats = await names(client, member)
    assert.lengthOf(
      withSeats.filter((name) => name === 'Doppel Dora'),
      1,
      'two seats'
    )

    // The seat holder becomes a member in their own right: listed once, with their own.
    const own = await makeType('Regular')
    await db.table('memberships').insert({
      user_id: twice.id,
      membership_type_id: own.id,
      status: 'active',
      started_on: '2025-01-01',
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    const withOwn = await names(client, member)
    assert.lengthOf(
      withOwn.filter((name) => name === 'Doppel Dora'),
      1,
      'own membership and seats'
    )
    assert.deepEqual(await names(client, member, `?type=${own.id}`), ['Doppel Dora'])
    assert.notInclude(await htmlOf(client.get(`/members/${twice.id}`).loginAs(member)), '(seat)')
  })

  test('the seat holder does not see the holder’s status history', async ({ client, assert }) => {
    const { membership } = await institution('Walter Wahrung')
    await MembershipHistory.create({
      membershipId: membership.id,
      event: 'status_change',
      fromStatus: 'active',
      toStatus: 'suspended',
      reason: 'Unpaid invoice from the finance office',
    })
    const seated = await seat(membership.id, 'Clara Clavis')
    const html = await htmlOf(client.get(`/members/${seated.id}`).loginAs(seated))
    assert.include(html, 'Status history')
    assert.notInclude(html, 'Unpaid invoice')
  })

  for (const sort of ['name', 'since'] as const) {
    test(`members and seat holders share the keyset pages (sorted by ${sort})`, async ({
      client,
      assert,
    }) => {
      const { membership, type } = await institution('Aaron Anchor', 'active')
      await db.from('memberships').where('id', membership.id).update({ started_on: '2019-06-01' })
      const expected: string[] = []
      for (let index = 0; index < 60; index++) {
        const day = String((index % 28) + 1).padStart(2, '0')
        const name = `Quill ${String(index).padStart(2, '0')}`
        if (index % 3 === 0) {
          await seat(membership.id, name, { acceptedOn: `2021-0${(index % 9) + 1}-${day}` })
        } else {
          await makeMember({
            name,
            typeId: type.id,
            startedOn: `2021-0${(index % 9) + 1}-${day}`,
          })
        }
        expected.push(name)
      }
      const viewer = await makeViewer('board')
      // A search (few matches), a type filter, and the whole directory walk different plans.
      for (const filter of ['q=quill&', `type=${type.id}&`, '']) {
        let url: string | null = `/members?${filter}sort=${sort}`
        const seen: string[] = []
        const pages: string[] = []
        while (url) {
          const response = await client.get(url).loginAs(viewer)
          response.assertStatus(200)
          seen.push(...listedNames(response.text()))
          pages.push(url)
          url = linkHref(response.text(), 'next')
        }
        const label = filter || 'everyone'
        assert.isAtLeast(pages.length, 2, label)
        assert.lengthOf(new Set(seen), seen.length, `${label}: no duplicates`)
        const quills = seen.filter((name) => name.startsWith('Quill'))
        assert.sameMembers(quills, expected, label)
        if (sort === 'name') assert.deepEqual(quills, expected, label)

        // And back from the last page.
        const last = await client.get(pages[pages.length - 1]).loginAs(viewer)
        const previous = linkHref(last.text(), 'prev')
        assert.exists(previous, label)
        const back = listedNames(await htmlOf(client.get(previous!).loginAs(viewer)))
        const before = 50 * (pages.length - 2)
        assert.deepEqual(back, seen.slice(before, before + 50), label)
      }
    })
  }
})
