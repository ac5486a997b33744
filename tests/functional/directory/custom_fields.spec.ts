import { test } from '@japa/runner'
import ProfileField, { type ProfileFieldVisibility } from '#models/profile_field'
import ProfileFieldValue from '#models/profile_field_value'
import type User from '#models/user'
import {
  htmlOf,
  isolateDirectory,
  linkHref,
  listedNames,
  makeMember,
  makeType,
  makeViewer,
  openToVisitors,
} from '#tests/functional/directory/helpers'

let sequence = 0

async function makeField(
  label: string,
  visibility: ProfileFieldVisibility,
  options: { searchable?: boolean; kind?: 'text' | 'url'; position?: number } = {}
) {
  sequence++
  return ProfileField.create({
    key: `directory_field_${sequence}_${Math.random().toString(36).slice(2, 8)}`,
    label,
    kind: options.kind ?? 'text',
    options: null,
    visibility,
    searchable: options.searchable ?? false,
    position: options.position ?? sequence,
  })
}

async function fill(user: User, field: ProfileField, value: string) {
  await ProfileFieldValue.create({ userId: user.id, profileFieldId: field.id, value })
}

/** One member with a value in a field of each visibility (and a web address). */
async function memberWithFields() {
  const type = await makeType()
  const member = await makeMember({
    name: 'Fiona Fieldwork',
    typeId: type.id,
    visibility: 'public',
  })
  const office = await makeField('Office', 'public', { position: 3 })
  const lab = await makeField('Lab extension', 'members', { position: 1 })
  const dues = await makeField('Dues arrangement', 'board', { position: 2 })
  const site = await makeField('Lab website', 'public', { kind: 'url', position: 4 })
  await fill(member, office, 'Room 4.12')
  await fill(member, lab, 'Ext 5521')
  await fill(member, dues, 'Waived until 2027')
  await fill(member, site, 'https://lab.example.org/fiona')
  return { member }
}

const PUBLIC_VALUES = ['Room 4.12', 'https://lab.example.org/fiona']
const MEMBERS_VALUE = 'Ext 5521'
const BOARD_VALUE = 'Waived until 2027'

test.group('Directory / custom profile fields on the profile page', (group) => {
  isolateDirectory(group)

  test('a visitor sees only the public fields', async ({ client, assert }) => {
    const { member } = await memberWithFields()
    openToVisitors(true)
    const html = await htmlOf(client.get(`/members/${member.id}`))
    for (const value of PUBLIC_VALUES) assert.include(html, value)
    assert.include(html, '<a href="https://lab.example.org/fiona" rel="nofollow noopener ugc">')
    assert.notInclude(html, MEMBERS_VALUE)
    assert.notInclude(html, 'Lab extension')
    assert.notInclude(html, BOARD_VALUE)
    assert.notInclude(html, 'Dues arrangement')
  })

  test('a signed-in non-member sees what a visitor sees', async ({ client, assert }) => {
    const { member } = await memberWithFields()
    openToVisitors(true)
    const user = await makeViewer('user')
    const html = await htmlOf(client.get(`/members/${member.id}`).loginAs(user))
    for (const value of PUBLIC_VALUES) assert.include(html, value)
    assert.notInclude(html, MEMBERS_VALUE)
    assert.notInclude(html, BOARD_VALUE)
  })

  test('a member sees public and members-only fields, not board-only ones', async ({
    client,
    assert,
  }) => {
    const { member } = await memberWithFields()
    const viewer = await makeViewer('member')
    const html = await htmlOf(client.get(`/members/${member.id}`).loginAs(viewer))
    for (const value of [...PUBLIC_VALUES, MEMBERS_VALUE]) assert.include(html, value)
    assert.notInclude(html, BOARD_VALUE)
    assert.notInclude(html, 'Dues arrangement')
  })

  test('board members and admins see every field, in the fields’ order', async ({
    client,
    assert,
  }) => {
    const { member } = await memberWithFields()
    for (const role of ['board', 'admin'] as const) {
      const viewer = await makeViewer(role)
      const html = await htmlOf(client.get(`/members/${member.id}`).loginAs(viewer))
      const positions = ['Lab extension', 'Dues arrangement', 'Office', 'Lab website'].map(
        (label) => html.indexOf(`<dt>${label}</dt>`)
      )
      assert.isTrue(
        positions.every((at, index) => at > 0 && (index === 0 || at > positions[index - 1])),
        `${role}: all four fields in order`
      )
      assert.include(html, BOARD_VALUE)
    }
  })

  test('the member sees their own board-only field', async ({ client, assert }) => {
    const { member } = await memberWithFields()
    const html = await htmlOf(client.get(`/members/${member.id}`).loginAs(member))
    for (const value of [...PUBLIC_VALUES, MEMBERS_VALUE, BOARD_VALUE]) {
      assert.include(html, value)
    }
  })
})

test.group('Directory / searchable custom fields', (group) => {
  isolateDirectory(group)

  async function search(client: any, viewer: User, query: string) {
    const response = await client.get(`/members?q=${encodeURIComponent(query)}`).loginAs(viewer)
    response.assertStatus(200)
    return listedNames(response.text())
  }

  async function researchers() {
    const type = await makeType()
    const orla = await makeMember({ name: 'Orla Okonkwo', typeId: type.id })
    const piet = await makeMember({ name: 'Piet Quist', typeId: type.id })
    const research = await makeField('Research group', 'public', { searchable: true })
    const hobby = await makeField('Hobby', 'members', { searchable: false })
    const grant = await makeField('Grant number', 'board', { searchable: true })
    await fill(orla, research, 'Xenolinguistics Unit')
    await fill(piet, hobby, 'Quokkawatching')
    await fill(piet, grant, 'ZEPHYR-7731')
    return { orla, piet }
  }

  test('a member is found by a searchable field value, by a case-insensitive prefix', async ({
    client,
    assert,
  }) => {
    await researchers()
    const viewer = await makeViewer('member')
    assert.deepEqual(await search(client, viewer, 'xenoling'), ['Orla Okonkwo'])
    assert.deepEqual(await search(client, viewer, 'XENOLINGUISTICS unit'), ['Orla Okonkwo'])
    assert.deepEqual(await search(client, viewer, 'linguistics'), [], 'a prefix, not any word')
  })

  test('a field that is not searchable is not searched', async ({ client, assert }) => {
    await researchers()
    const viewer = await makeViewer('member')
    assert.deepEqual(await search(client, viewer, 'quokka'), [])
  })

  test('a board-only field finds nobody for a member, and finds for the board', async ({
    client,
    assert,
  }) => {
    await researchers()
    const member = await makeViewer('member')
    assert.deepEqual(await search(client, member, 'zephyr'), [])
    assert.deepEqual(await search(client, member, 'zephyr 7731'), [])
    for (const role of ['board', 'admin'] as const) {
      const viewer = await makeViewer(role)
      assert.deepEqual(await search(client, viewer, 'zephyr'), ['Piet Quist'], role)
    }
  })

  test('a visitor finds by public fields only, and only public profiles', async ({
    client,
    assert,
  }) => {
    const type = await makeType()
    const open = await makeMember({ name: 'Vera Visible', typeId: type.id, visibility: 'public' })
    const closed = await makeMember({ name: 'Hugo Hidden', typeId: type.id })
    const research = await makeField('Research group', 'public', { searchable: true })
    const room = await makeField('Room', 'members', { searchable: true })
    await fill(open, research, 'Yttrium Lab')
    await fill(closed, research, 'Yttrium Lab')
    await fill(open, room, 'Wolfram wing')
    openToVisitors(true)
    const answer = async (query: string) =>
      listedNames(await htmlOf(client.get(`/members?q=${encodeURIComponent(query)}`)))
    assert.deepEqual(await answer('yttrium'), ['Vera Visible'])
    assert.deepEqual(await answer('wolfram'), [])
  })

  test('search results by field keep their keyset pages', async ({ client, assert }) => {
    const type = await makeType()
    const field = await makeField('Consortium', 'members', { searchable: true })
    const names = Array.from(
      { length: 55 },
      (_, index) => `Kappa ${String(index).padStart(2, '0')}`
    )
    for (const name of names) {
      await fill(await makeMember({ name, typeId: type.id }), field, 'Quasar consortium')
    }
    const viewer = await makeViewer('member')
    const first = await client.get('/members?q=quasar').loginAs(viewer)
    const page1 = listedNames(first.text())
    assert.lengthOf(page1, 50)
    const next = linkHref(first.text(), 'next')
    assert.exists(next)
    const page2 = listedNames(await htmlOf(client.get(next!).loginAs(viewer)))
    assert.deepEqual([...page1, ...page2], names)
  })
})
