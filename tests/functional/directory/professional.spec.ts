import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import MemberProfile from '#models/member_profile'
import privacyRegistry from '#services/privacy/privacy_registry'
import {
  htmlOf,
  isolateDirectory,
  makeType,
  makeViewer,
  openToVisitors,
} from '#tests/functional/directory/helpers'

test.group('Directory / professional information', (group) => {
  isolateDirectory(group)

  test('a member saves their professional information and it shows on their profile', async ({
    client,
    assert,
  }) => {
    const member = await makeViewer('member')
    const response = await client
      .put('/account/professional')
      .form({
        institution: 'Kyoto University',
        position: 'Lecturer',
        field: 'Linguistics',
        degrees: 'PhD',
        website: 'https://example.org/~me',
        orcid: '0000-0002-1825-0097',
        interests: 'Ainu, sign languages',
        country: 'jp',
      })
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/professional')

    const profile = await MemberProfile.findByOrFail('userId', member.id)
    assert.equal(profile.country, 'JP')
    const page = await htmlOf(client.get(`/members/${member.id}`).loginAs(member))
    for (const text of [
      'Kyoto University',
      'Lecturer',
      'Linguistics',
      'Japan',
      'https://orcid.org/0000-0002-1825-0097',
    ]) {
      assert.include(page, text)
    }
  })

  test('refuses a bad ORCID iD, website or country, keeping what was typed', async ({
    client,
    assert,
  }) => {
    const member = await makeViewer('member')
    const response = await client
      .put('/account/professional')
      .form({
        institution: 'Kept Institute',
        website: 'javascript:alert(1)',
        orcid: '1234',
        country: 'XX',
      })
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.properties(errors, ['website', 'orcid', 'country'])
    const profile = await MemberProfile.findByOrFail('userId', member.id)
    assert.isNull(profile.institution, 'nothing was saved')

    const form = await htmlOf(
      client
        .get('/account/professional')
        .loginAs(member)
        .withSession({ __flash__: response.flashMessages() })
    )
    assert.include(form, 'value="Kept Institute"')
    assert.include(form, 'Enter an ORCID iD like 0000-0002-1825-0097.')
  })

  test('visitors are sent to sign in', async ({ client }) => {
    const response = await client.get('/account/professional').redirects(0)
    response.assertStatus(302)
  })
})

test.group('Directory / navigation', (group) => {
  isolateDirectory(group)

  test('the Members link appears for those who may browse the directory', async ({
    client,
    assert,
  }) => {
    await makeType()
    const member = await makeViewer('member')
    const user = await makeViewer('user')
    const link = 'href="/members"'
    assert.include(await htmlOf(client.get('/').loginAs(member)), link)
    assert.notInclude(await htmlOf(client.get('/').loginAs(user)), link)
    assert.notInclude(await htmlOf(client.get('/')), link)
    openToVisitors(true)
    assert.include(await htmlOf(client.get('/')), link)
  })
})

/** Users the full-text index matches, in the dialect in use. */
function searchIds(word: string) {
  return db.connection().dialect.name === 'postgres'
    ? db
        .from('member_search')
        .whereRaw(`document @@ to_tsquery('simple', ?)`, [`${word}:*`])
        .select('user_id')
    : db
        .from('member_search')
        .whereRaw('member_search match ?', [`"${word}"*`])
        .select('rowid')
}

test.group('Directory / privacy rights', (group) => {
  isolateDirectory(group)

  test('professional information is in the data export and goes with the account', async ({
    assert,
  }) => {
    const member = await makeViewer('member')
    await MemberProfile.query()
      .where('userId', member.id)
      .update({ institution: 'Erasable Institute', interests: 'forgetting' })
    const module = privacyRegistry.all().find((candidate) => candidate.name === 'member_profile')!
    const exported = await module.export(member)
    assert.deepInclude(exported.data.professionalInformation as object, {
      institution: 'Erasable Institute',
    })

    await db.transaction(async (trx) => {
      await module.erase(member, trx)
    })
    assert.isNull(await MemberProfile.findBy('userId', member.id))
    const indexed = await db
      .from('users')
      .whereIn('users.id', searchIds('erasable'))
      .select('users.id')
    assert.lengthOf(indexed, 0, 'the search index forgot it too')
  })
})
