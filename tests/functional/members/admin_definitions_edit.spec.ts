import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import AuditLog from '#models/audit_log'
import Badge from '#models/badge'
import ProfileField from '#models/profile_field'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import type MembershipType from '#models/membership_type'
import { formOf, refusedAndShownAgain } from '#tests/helpers/forms'
import { makeBadge, makeType, randomIp, roles, unique } from '#tests/functional/members/fixtures'

async function makeField(overrides: Partial<ProfileField> = {}) {
  return ProfileField.create({
    key: unique('field').replace('-', '_'),
    label: 'Research group',
    kind: 'text',
    options: null,
    visibility: 'members',
    searchable: false,
    position: 1,
    ...overrides,
  })
}

test.group('Members / editing badges', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('an admin edits a badge from its form; the change is audited', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const badge = await makeBadge()
    const form = await client.get(`/admin/badges/${badge.id}/edit`).loginAs(admin)
    form.assertStatus(200)
    assert.include(form.text(), `value="${badge.name}"`)

    const response = await client
      .put(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ name: 'Outstanding reviewer', icon: '✎', description: 'Ten reviews or more' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/admin/badges')
    assert.equal(response.flashMessages().success, 'Badge “Outstanding reviewer” saved.')

    await badge.refresh()
    assert.equal(badge.name, 'Outstanding reviewer')
    assert.equal(badge.slug, 'outstanding-reviewer')
    assert.equal(badge.icon, '✎')
    assert.equal(badge.description, 'Ten reviews or more')
    const log = await AuditLog.query().where('action', 'badge.saved').firstOrFail()
    assert.equal(log.actorId, admin.id)
  })

  test("the directory's badge filter follows the admin's edits at once", async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const member = await roles.member()
    const badge = await makeBadge()
    const badgeOptions = async () => {
      const page = await client.get('/members').loginAs(member)
      page.assertStatus(200)
      const select = page.text().match(/<select id="directory-badge"[\s\S]*?<\/select>/)?.[0] ?? ''
      return [...select.matchAll(/<option value="\d+"[^>]*>([^<]+)</g)].map((match) => match[1])
    }
    assert.include(await badgeOptions(), badge.name)

    await client
      .put(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ name: 'Keynote speaker', icon: '★', description: '' })
      .withCsrfToken()
      .loginAs(admin)
    const renamed = await badgeOptions()
    assert.include(renamed, 'Keynote speaker')
    assert.notInclude(renamed, badge.name)

    await client
      .delete(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .withCsrfToken()
      .loginAs(admin)
    assert.notInclude(await badgeOptions(), 'Keynote speaker')
  })

  test('invalid input is refused (422) with messages next to the fields, input kept', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const badge = await makeBadge()
    const response = await client
      .put(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ name: 'X', icon: '', description: 'Kept description' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    const html = response.text()
    assert.match(html, /id="field-name-error"[^>]*>[^<]*at least 2/)
    assert.match(html, /id="field-icon-error"/)
    assert.include(html, 'value="Kept description"')
    await badge.refresh()
    assert.notEqual(badge.name, 'X')
    assert.isNull(await AuditLog.query().where('action', 'badge.saved').first())
  })

  test('a name (or slug) taken by another badge is refused with a message', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const other = await Badge.create({ name: 'Mentor', slug: 'mentor', icon: '★' })
    const badge = await makeBadge()
    for (const name of [other.name, 'Mentor!']) {
      const response = await client
        .put(`/admin/badges/${badge.id}`)
        .header('x-forwarded-for', randomIp())
        .form({ name, icon: '★' })
        .withCsrfToken()
        .loginAs(admin)
      response.assertStatus(422)
      assert.match(response.text(), /id="field-name-error"[^>]*>A badge already has this name\./)
      assert.include(response.text(), `value="${name}"`)
    }
    await badge.refresh()
    assert.notEqual(badge.name, 'Mentor')

    const both = await client
      .put(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ name: other.name, icon: '' })
      .withCsrfToken()
      .loginAs(admin)
    both.assertStatus(422)
    assert.match(both.text(), /id="field-name-error"[^>]*>A badge already has this name\./)
    assert.match(both.text(), /id="field-icon-error"/, 'all mistakes are shown at once')

    // Its own name is no clash.
    const kept = await client
      .put(`/admin/badges/${badge.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ name: badge.name, icon: '✓' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    kept.assertStatus(302)
    await badge.refresh()
    assert.equal(badge.icon, '✓')
  })

  test('creating a badge whose slug is taken is refused, not a 500', async ({ client, assert }) => {
    const admin = await roles.admin()
    await Badge.create({ name: 'Mentor', slug: 'mentor', icon: '★' })
    const response = await client
      .post('/admin/badges')
      .header('x-forwarded-for', randomIp())
      .form({ name: 'Mentor!', icon: '★' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      name: ['A badge already has this name.'],
    })
    assert.lengthOf(await Badge.query().where('slug', 'mentor'), 1)
  })

  test('only admins may edit a badge', async ({ client, assert }) => {
    const badge = await makeBadge()
    for (const who of ['user', 'member', 'board'] as const) {
      const user = await roles[who]()
      const form = await client.get(`/admin/badges/${badge.id}/edit`).loginAs(user)
      assert.equal(form.status(), 403, `${who} GET edit`)
      const update = await client
        .put(`/admin/badges/${badge.id}`)
        .header('x-forwarded-for', randomIp())
        .form({ name: 'Hijacked', icon: '☠' })
        .withCsrfToken()
        .loginAs(user)
      assert.equal(update.status(), 403, `${who} PUT`)
    }
    const visitor = await client.get(`/admin/badges/${badge.id}/edit`).redirects(0)
    assert.equal(visitor.status(), 302)
    await badge.refresh()
    assert.notEqual(badge.name, 'Hijacked')
  })
})

test.group('Members / editing custom profile fields', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('an admin changes label, visibility and searchability; the change is audited', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const field = await makeField()
    const form = await client.get(`/admin/profile-fields/${field.id}/edit`).loginAs(admin)
    form.assertStatus(200)
    assert.include(form.text(), 'value="Research group"')

    const response = await client
      .put(`/admin/profile-fields/${field.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ label: 'Research unit', visibility: 'public', searchable: '1', kind: 'url' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/admin/profile-fields')

    await field.refresh()
    assert.equal(field.label, 'Research unit')
    assert.equal(field.visibility, 'public')
    assert.isTrue(field.searchable)
    assert.equal(field.kind, 'text', 'the kind stays')
    const log = await AuditLog.query().where('action', 'profile_field.saved').firstOrFail()
    assert.equal(log.actorId, admin.id)
    const meta = typeof log.meta === 'string' ? JSON.parse(log.meta) : log.meta
    assert.deepInclude(meta, {
      before: { label: 'Research group', visibility: 'members', searchable: false },
      after: { label: 'Research unit', visibility: 'public', searchable: true },
    })

    // Unticking the box makes it unsearchable again.
    await client
      .put(`/admin/profile-fields/${field.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ label: 'Research unit', visibility: 'board' })
      .withCsrfToken()
      .loginAs(admin)
    await field.refresh()
    assert.isFalse(field.searchable)
    assert.equal(field.visibility, 'board')
  })

  test('a choice field’s options are edited, and cannot be emptied', async ({ client, assert }) => {
    const admin = await roles.admin()
    const field = await makeField({ kind: 'choice', options: ['Theory', 'Experiment'] })
    const form = await client.get(`/admin/profile-fields/${field.id}/edit`).loginAs(admin)
    assert.include(form.text(), 'Theory\nExperiment</textarea>')

    await client
      .put(`/admin/profile-fields/${field.id}`)
      .header('x-forwarded-for', randomIp())
      .form({
        label: 'Approach',
        visibility: 'members',
        options: 'Theory\nExperiment\nComputation',
      })
      .withCsrfToken()
      .loginAs(admin)
    await field.refresh()
    assert.deepEqual(field.options, ['Theory', 'Experiment', 'Computation'])

    const empty = await client
      .put(`/admin/profile-fields/${field.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ label: 'Renamed', visibility: 'members', options: ' , ' })
      .withCsrfToken()
      .loginAs(admin)
    empty.assertStatus(422)
    assert.match(empty.text(), /id="pf-options-error"[^>]*>List at least one option\./)
    assert.include(empty.text(), 'value="Renamed"')
    await field.refresh()
    assert.equal(field.label, 'Approach')
  })

  test('invalid input is refused (422) with messages next to the fields, input kept', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const field = await makeField()
    const response = await client
      .put(`/admin/profile-fields/${field.id}`)
      .header('x-forwarded-for', randomIp())
      .form({ label: 'Q', visibility: 'everyone', searchable: '1' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    const html = response.text()
    assert.match(html, /id="field-label-error"[^>]*>[^<]*at least 2/)
    assert.match(html, /id="pf-visibility-error"/)
    assert.include(html, 'value="Q"')
    assert.match(html, /name="searchable" value="1" checked/)
    await field.refresh()
    assert.equal(field.label, 'Research group')
    assert.equal(field.visibility, 'members')
  })

  test('only admins may edit a field', async ({ client, assert }) => {
    const field = await makeField()
    for (const who of ['user', 'member', 'board'] as const) {
      const user = await roles[who]()
      const form = await client.get(`/admin/profile-fields/${field.id}/edit`).loginAs(user)
      assert.equal(form.status(), 403, `${who} GET edit`)
      const update = await client
        .put(`/admin/profile-fields/${field.id}`)
        .header('x-forwarded-for', randomIp())
        .form({ label: 'Leaked', visibility: 'public', searchable: '1' })
        .withCsrfToken()
        .loginAs(user)
      assert.equal(update.status(), 403, `${who} PUT`)
    }
    const visitor = await client
      .put(`/admin/profile-fields/${field.id}`)
      .form({ label: 'Leaked', visibility: 'public' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(visitor.status(), 302)
    await field.refresh()
    assert.equal(field.visibility, 'members')
    assert.isFalse(field.searchable)
  })
})

test.group('Members / membership types page', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  const PAGE = '/admin/membership-types'
  const editAction = (type: MembershipType) => `${PAGE}/${type.id}?_method=PUT`
  const isOpen = (html: string, type: MembershipType) =>
    new RegExp(`<details open>\\s*<summary>Edit ${type.name}</summary>`).test(html)

  function assertSaved(assert: Assert, html: string, type: MembershipType) {
    const form = formOf(html, editAction(type))
    assert.equal(form.value('name'), type.name)
    assert.equal(form.value('currency'), type.currency)
    assert.equal(form.value('graceDays'), String(type.graceDays))
    assert.equal(form.isChecked('requiresApproval'), type.requiresApproval)
    assert.deepEqual(form.errors(), [], `no message in the form of ${type.name}`)
    assert.isFalse(isOpen(html, type), `the form of ${type.name} stays folded`)
  }

  test('a refused new type is shown in the new type form only', async ({ client, assert }) => {
    const admin = await roles.admin()
    const full = await makeType({ name: unique('Full'), requiresApproval: true })
    const student = await makeType({ name: unique('Student'), currency: 'GBP', graceDays: 10 })

    const html = await refusedAndShownAgain(client, {
      user: admin,
      page: PAGE,
      action: PAGE,
      headers: { 'x-forwarded-for': randomIp() },
      typed: {
        name: '',
        fee: '10',
        currency: 'EURO',
        durationMonths: '12',
        graceDays: '5',
        seats: '0',
      },
    })

    assertSaved(assert, html, full)
    assertSaved(assert, html, student)
    const created = formOf(html, PAGE)
    assert.equal(created.errorOf('name'), 'Please fill in this field.')
    assert.equal(created.value('currency'), 'EURO', 'the input is kept')
    assert.equal(
      created.errorOf('currency'),
      'Enter the three-letter code of a currency, like EUR.'
    )
    assert.equal(created.value('graceDays'), '5')
    assert.isFalse(created.isChecked('requiresApproval'), 'the unticked box stays unticked')
  })

  test('a refused edit is shown, unfolded, in that type form only', async ({ client, assert }) => {
    const admin = await roles.admin()
    const full = await makeType({ name: unique('Full'), requiresApproval: true })
    const student = await makeType({ name: unique('Student'), currency: 'GBP', graceDays: 10 })

    const html = await refusedAndShownAgain(client, {
      user: admin,
      page: PAGE,
      action: editAction(full),
      headers: { 'x-forwarded-for': randomIp() },
      typed: {
        name: student.name,
        fee: '50',
        currency: 'EUR',
        durationMonths: '12',
        graceDays: '7',
        seats: '0',
      },
    })

    assertSaved(assert, html, student)
    const created = formOf(html, PAGE)
    assert.isUndefined(created.value('name'))
    assert.equal(created.value('graceDays'), '30')
    assert.isTrue(created.isChecked('requiresApproval'))
    assert.deepEqual(created.errors(), [])
    const edited = formOf(html, editAction(full))
    assert.equal(edited.value('name'), student.name, 'the input is kept')
    assert.equal(edited.errorOf('name'), 'A membership type already has this name.')
    assert.equal(edited.value('graceDays'), '7')
    assert.isFalse(edited.isChecked('requiresApproval'), 'the unticked box stays unticked')
    assert.isTrue(isOpen(html, full), 'the refused form is unfolded')
    await full.refresh()
    assert.equal(full.graceDays, 30, 'nothing was saved')
  })
})
