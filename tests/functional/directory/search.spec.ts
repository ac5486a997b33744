import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import DirectorySeed from '#services/members/directory_seed'
import {
  isolateDirectory,
  linkHref,
  listedNames,
  makeBadge,
  makeMember,
  makeMembers,
  makeType,
  makeViewer,
} from '#tests/functional/directory/helpers'

test.group('Directory / search, filters and order', (group) => {
  isolateDirectory(group)

  async function scientists() {
    const regular = await makeType('Regular')
    const student = await makeType('Student')
    const people = await makeMembers([
      {
        name: 'Ada Lovelace',
        typeId: regular.id,
        institution: 'Analytical Society',
        field: 'Mathematics',
        interests: 'difference engines, poetry',
        country: 'GB',
        startedOn: '2015-06-01',
      },
      {
        name: 'Grace Hopper',
        typeId: regular.id,
        institution: 'Yale University',
        field: 'Computer science',
        interests: 'compilers, nanoseconds',
        country: 'US',
        startedOn: '2010-02-01',
      },
      {
        name: 'Émilie du Châtelet',
        typeId: student.id,
        institution: 'Académie de Cirey',
        field: 'Physics',
        interests: 'energy conservation',
        country: 'FR',
        startedOn: '2021-09-15',
      },
    ])
    return { regular, student, people }
  }

  async function search(client: any, viewer: any, query: string) {
    const response = await client.get(`/members?${query}`).loginAs(viewer)
    response.assertStatus(200)
    return listedNames(response.text())
  }

  test('finds members by name prefix, whatever the case', async ({ client, assert }) => {
    await scientists()
    const member = await makeViewer('member')
    assert.deepEqual(await search(client, member, 'q=lov'), ['Ada Lovelace'])
    assert.deepEqual(await search(client, member, 'q=GRA'), ['Grace Hopper'])
    assert.deepEqual(await search(client, member, 'q=ada+lov'), ['Ada Lovelace'])
    assert.deepEqual(await search(client, member, 'q=%C3%89MI'), ['Émilie du Châtelet'])
    assert.deepEqual(await search(client, member, 'q=ch%C3%A2t'), ['Émilie du Châtelet'])
  })

  test('finds members by institution, field and interests', async ({ client, assert }) => {
    await scientists()
    const member = await makeViewer('member')
    assert.deepEqual(await search(client, member, 'q=yale'), ['Grace Hopper'])
    assert.deepEqual(await search(client, member, 'q=mathematics'), ['Ada Lovelace'])
    assert.deepEqual(await search(client, member, 'q=compilers'), ['Grace Hopper'])
    assert.deepEqual(await search(client, member, 'q=hopper+compilers'), ['Grace Hopper'])
    assert.deepEqual(await search(client, member, 'q=zebra'), [])
  })

  test('edited professional information is searchable at once', async ({ client, assert }) => {
    await scientists()
    const member = await makeViewer('member')
    await client
      .put('/account/professional')
      .form({ institution: 'Observatoire de Paris', field: 'Astronomy', country: 'fr' })
      .loginAs(member)
      .withCsrfToken()
    assert.deepEqual(await search(client, member, 'q=observatoire'), ['Viewer member'])
    await db.from('users').where('id', member.id).update({ display_name: 'Urania' })
    assert.deepEqual(await search(client, member, 'q=urania'), ['Urania'])
    assert.deepEqual(await search(client, member, 'q=viewer'), [], 'the shown name is searched')
  })

  test('search syntax characters are plain text, never an error', async ({ client, assert }) => {
    await scientists()
    const member = await makeViewer('member')
    for (const q of ['"', 'ada OR', '*', 'NEAR(ada', "'; drop table users; --", 'a:*|b']) {
      const response = await client.get('/members').qs({ q }).loginAs(member)
      response.assertStatus(200)
    }
    assert.deepEqual(await search(client, member, 'q=%22lovelace%22'), ['Ada Lovelace'])
  })

  test('filters by membership type, badge and country', async ({ client, assert }) => {
    const { student, people } = await scientists()
    const member = await makeViewer('member')
    const badge = await makeBadge()
    await db.table('member_badges').insert({
      badge_id: badge.id,
      user_id: people[1].id,
      awarded_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    assert.deepEqual(await search(client, member, `type=${student.id}`), ['Émilie du Châtelet'])
    assert.deepEqual(await search(client, member, `badge=${badge.id}`), ['Grace Hopper'])
    assert.deepEqual(await search(client, member, 'country=gb'), ['Ada Lovelace'])
    const form = await client.get('/members?country=gb').loginAs(member)
    form.assertTextIncludes('<option value="GB" selected>United Kingdom</option>')
    assert.deepEqual(await search(client, member, `country=US&q=grace&type=&badge=`), [
      'Grace Hopper',
    ])
  })

  test('refuses unknown filter values with a message, not a 500', async ({ client }) => {
    await scientists()
    const member = await makeViewer('member')
    for (const query of ['country=XX', 'type=abc', 'sort=salary', `q=${'a'.repeat(101)}`]) {
      const response = await client.get(`/members?${query}`).loginAs(member)
      response.assertStatus(422)
      response.assertTextIncludes('were not understood')
    }
  })

  test('sorts by name and by member since', async ({ client, assert }) => {
    const { regular } = await scientists()
    const member = await makeViewer('member')
    const names = await search(client, member, `type=${regular.id}&sort=name`)
    assert.deepEqual(names, ['Ada Lovelace', 'Grace Hopper'])
    const since = await search(client, member, 'sort=since')
    assert.deepEqual(
      since.filter((name) => name !== 'Viewer member'),
      ['Grace Hopper', 'Ada Lovelace', 'Émilie du Châtelet']
    )
  })
})

test.group('Directory / keyset pagination', (group) => {
  isolateDirectory(group)

  async function walk(client: any, viewer: any, start: string) {
    const pages: string[][] = []
    let url: string | null = start
    let last = ''
    while (url) {
      const response = await client.get(url).loginAs(viewer)
      response.assertStatus(200)
      last = response.text()
      pages.push(listedNames(last))
      url = linkHref(last, 'next')
    }
    return { pages, lastHtml: last }
  }

  async function walkBack(client: any, viewer: any, html: string) {
    const pages: string[][] = []
    let url = linkHref(html, 'prev')
    while (url) {
      const response = await client.get(url).loginAs(viewer)
      const text = response.text()
      pages.unshift(listedNames(text))
      url = linkHref(text, 'prev')
    }
    return pages
  }

  for (const [sort, q] of [
    ['name', 'keyset'],
    ['since', 'keyset'],
    ['name', ''],
    ['since', ''],
  ] as const) {
    test(`120 members sorted by ${sort}${q ? ', searched' : ''}: next and previous, no duplicates or gaps`, async ({
      client,
      assert,
    }) => {
      const type = await makeType()
      // Shared names and start dates make the id the tie-breaker on every page boundary.
      const specs = Array.from({ length: 120 }, (_, i) => ({
        name: `Keyset ${String.fromCharCode(65 + (i % 26))} ${['Roe', 'Doe', 'Poe'][i % 3]}`,
        typeId: type.id,
        startedOn: `20${10 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
      }))
      await makeMembers(specs)
      const viewer = await makeMember({
        name: 'Zz Viewer',
        typeId: type.id,
        role: 'member',
        startedOn: '2030-01-01',
      })

      const { pages, lastHtml } = await walk(client, viewer, `/members?sort=${sort}&q=${q}`)
      // Without a search the viewer is listed too (last in both orders).
      const expected = [...specs.map((spec) => spec.name), ...(q ? [] : ['Zz Viewer'])]
      assert.deepEqual(
        pages.map((page) => page.length),
        [50, 50, expected.length - 100]
      )
      const all = pages.flat()
      assert.sameMembers(all, expected)
      if (sort === 'name') {
        const byKey = (a: string, b: string) =>
          a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
        assert.deepEqual(all, [...expected].sort(byKey))
      }

      const back = await walkBack(client, viewer, lastHtml)
      assert.deepEqual(back, pages.slice(0, -1), 'previous pages are the same pages')
      assert.isNull(linkHref(lastHtml, 'next'))
    })
  }

  test('a search matching thousands pages through all of them in name order', async ({
    client,
    assert,
  }) => {
    // 12,000 members, seven institutions in fifteen are "… University": about 5,900 matches,
    // more than either database starts from, so both walk the name order checking each member.
    await DirectorySeed.seed(12_000, { password: 'not used here', emailDomain: 'broad.example' })
    const viewer = await makeViewer('member')
    const rows = await db
      .from('users')
      .join('memberships', 'memberships.user_id', 'users.id')
      .join('member_profiles', 'member_profiles.user_id', 'users.id')
      .where('users.status', 'active')
      .whereIn('memberships.status', ['active', 'grace'])
      .whereIn('users.profile_visibility', ['public', 'members'])
      .select('users.id', 'users.full_name', 'member_profiles.institution')
    const expected = rows
      .filter((row) => /(^|\s)university/i.test(`${row.full_name} ${row.institution}`))
      .sort((a, b) => {
        const [x, y] = [a.full_name.toLowerCase(), b.full_name.toLowerCase()]
        return x < y ? -1 : x > y ? 1 : a.id - b.id
      })
      .map((row) => row.full_name)
    assert.isAbove(expected.length, 5000)

    const { pages, lastHtml } = await walk(client, viewer, '/members?q=university')
    assert.deepEqual(pages.flat(), expected)
    let html = lastHtml
    for (const page of pages.slice(-3, -1).reverse()) {
      const response = await client.get(linkHref(html, 'prev')!).loginAs(viewer)
      html = response.text()
      assert.deepEqual(listedNames(html), page, 'previous pages are the same pages')
    }
  }).timeout(60_000)

  test('a forged cursor shows the first page', async ({ client, assert }) => {
    const type = await makeType()
    await makeMembers([{ name: 'Only One', typeId: type.id }])
    const viewer = await makeViewer('member')
    const response = await client.get('/members?after=bm9wZQ&q=only').loginAs(viewer)
    response.assertStatus(200)
    assert.deepEqual(listedNames(response.text()), ['Only One'])
  })
})
