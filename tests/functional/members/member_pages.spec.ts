import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import MemberBadge from '#models/member_badge'
import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'
import ProfileField from '#models/profile_field'
import ProfileFieldValue from '#models/profile_field_value'
import type User from '#models/user'
import MembershipStatusService from '#services/members/membership_status_service'
import ProfileFieldService from '#services/members/profile_field_service'
import privacyRegistry from '#services/privacy/privacy_registry'
import {
  makeApplication,
  makeBadge,
  makeMembership,
  makeType,
  randomIp,
  roles,
  unique,
  uniqueEmail,
  roleOf,
} from '#tests/functional/members/fixtures'

test.group('Members / my membership', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('a member sees status, number, expiry and history; a visitor is sent to log in', async ({
    client,
  }) => {
    const user = await roles.member()
    const membership = await makeMembership(user, 'active', {
      number: '2026-0420',
      expiresOn: DateTime.utc().plus({ days: 20 }).startOf('day'),
    })
    await MembershipStatusService.change(membership, 'grace', { reason: 'Expired in test' })
    const page = await client.get('/membership').loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('2026-0420')
    page.assertTextIncludes('grace')
    page.assertTextIncludes('Expired in test')
    const visitor = await client.get('/membership').redirects(0)
    visitor.assertStatus(302)
  })

  test('the dashboard shows the membership, and the board the waiting applications', async ({
    client,
  }) => {
    const member = await roles.member()
    await makeMembership(member, 'active', { number: '2026-0555' })
    const page = await client.get('/dashboard').loginAs(member)
    page.assertTextIncludes('Your membership')
    page.assertTextIncludes('<strong>active</strong>')
    if (page.text().includes('Applications waiting')) throw new Error('A member sees the queue')

    await makeApplication(await roles.user(), await makeType())
    const board = await client.get('/dashboard').loginAs(await roles.board())
    board.assertTextIncludes('Applications waiting:')
  })

  test('a user without membership is invited to apply, or sees the pending application', async ({
    client,
  }) => {
    const user = await roles.user()
    const empty = await client.get('/membership').loginAs(user)
    empty.assertTextIncludes('Apply for membership')
    await makeApplication(user, await makeType({ name: unique('Fellow') }))
    const pending = await client.get('/membership').loginAs(user)
    pending.assertTextIncludes('is waiting for the board')
  })
})

test.group('Members / institutional seats', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('the holder invites into a seat; the invitee accepts and is a member while it is good', async ({
    client,
    assert,
  }) => {
    const holder = await roles.member()
    const type = await makeType({ seats: 2 })
    const membership = await makeMembership(holder, 'active', { type })
    const invitee = await roles.user()

    await client
      .post('/membership/seats')
      .header('x-forwarded-for', randomIp())
      .form({ email: invitee.email })
      .withCsrfToken()
      .loginAs(holder)
    const mail = await smtpSink.waitFor(invitee.email)
    const path = new URL(linkIn(mail, '/membership/seats/accept/')).pathname

    const stranger = await roles.user()
    const wrong = await client.post(path).withCsrfToken().loginAs(stranger).redirects(0)
    assert.include(wrong.flashMessages().error, `This invitation is for ${invitee.email}`)

    await client.post(path).withCsrfToken().loginAs(invitee)
    assert.equal(await roleOf(invitee.id), 'member')
    const seat = await MembershipSeat.findByOrFail('user_id', invitee.id)
    assert.isNotNull(seat.acceptedAt)

    await MembershipStatusService.change(membership, 'suspended', { reason: 'Unpaid' })
    assert.equal(await roleOf(invitee.id), 'user')
    await MembershipStatusService.change(membership, 'active', { reason: 'Paid' })
    assert.equal(await roleOf(invitee.id), 'member')

    const replay = await client.post(path).withCsrfToken().loginAs(invitee).redirects(0)
    assert.include(replay.flashMessages().error, 'unknown or was already used')
  })

  test('no more invitations than seats; freeing a seat ends the membership it gave', async ({
    client,
    assert,
  }) => {
    const holder = await roles.member()
    await makeMembership(holder, 'active', { type: await makeType({ seats: 1 }) })
    await client
      .post('/membership/seats')
      .form({ email: uniqueEmail() })
      .withCsrfToken()
      .loginAs(holder)
    const full = await client
      .post('/membership/seats')
      .form({ email: uniqueEmail() })
      .withCsrfToken()
      .loginAs(holder)
      .redirects(0)
    assert.deepEqual(full.flashMessages().inputErrorsBag, { email: ['All 1 seats are taken.'] })

    const seat = await MembershipSeat.query().orderBy('id', 'desc').firstOrFail()
    await client.delete(`/membership/seats/${seat.id}`).withCsrfToken().loginAs(holder)
    assert.isNull(await MembershipSeat.find(seat.id))

    const individual = await roles.member()
    await makeMembership(individual, 'active')
    const denied = await client
      .post('/membership/seats')
      .form({ email: uniqueEmail() })
      .withCsrfToken()
      .loginAs(individual)
      .redirects(0)
    assert.property(denied.flashMessages().inputErrorsBag, 'email')
  })
})

test.group('Members / custom profile fields', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('admins define fields; members fill them in, checked by kind', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    await client
      .post('/admin/profile-fields')
      .form({
        label: 'Research group',
        kind: 'choice',
        options: 'Medieval\nEarly modern',
        visibility: 'members',
        searchable: '1',
      })
      .withCsrfToken()
      .loginAs(admin)
    await client
      .post('/admin/profile-fields')
      .form({ label: 'Lab page', kind: 'url', visibility: 'public' })
      .withCsrfToken()
      .loginAs(admin)
    const researchGroup = await ProfileField.findByOrFail('key', 'research_group')
    assert.deepEqual(researchGroup.options, ['Medieval', 'Early modern'])
    assert.isTrue(researchGroup.searchable)

    const member = await roles.member()
    const bad = await client
      .put('/membership/fields')
      .form({ 'fields[research_group]': 'Modern', 'fields[lab_page]': 'javascript:alert(1)' })
      .withCsrfToken()
      .loginAs(member)
      .redirects(0)
    assert.deepEqual(bad.flashMessages().inputErrorsBag, {
      'fields.research_group': ['Choose one of the options.'],
      'fields.lab_page': ['Enter a full web address, like https://example.org.'],
    })
    await client
      .put('/membership/fields')
      .form({ 'fields[research_group]': 'Medieval', 'fields[lab_page]': 'https://lab.example.org' })
      .withCsrfToken()
      .loginAs(member)
    assert.lengthOf(await ProfileFieldValue.query().where('user_id', member.id), 2)
    const page = await client.get('/membership/fields').loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes('value="https://lab.example.org"')
    page.assertTextIncludes('<option value="Medieval" selected>')
  })

  test('each viewer reads only the values its level allows', async ({ assert }) => {
    const member = await roles.member()
    const fields = await Promise.all(
      (['public', 'members', 'board'] as const).map((visibility) =>
        ProfileField.create({
          key: unique('f'),
          label: `Field ${visibility}`,
          kind: 'text',
          visibility,
          searchable: false,
          position: 1,
        })
      )
    )
    for (const field of fields) {
      await ProfileFieldValue.create({
        profileFieldId: field.id,
        userId: member.id,
        value: field.visibility,
      })
    }
    const seen = async (viewer: User | null) => {
      const visible = await ProfileFieldService.visibleValues(member, viewer)
      return visible.map((item) => item.value).sort()
    }
    assert.deepEqual(await seen(null), ['public'])
    assert.deepEqual(await seen(await roles.user()), ['public'])
    assert.deepEqual(await seen(await roles.member()), ['members', 'public'])
    assert.deepEqual(await seen(await roles.board()), ['board', 'members', 'public'])
    assert.deepEqual(await seen(await roles.admin()), ['board', 'members', 'public'])
  })
})

test.group('Members / privacy', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('download my data holds membership, history, applications and badges', async ({
    assert,
  }) => {
    const user = await roles.member()
    const type = await makeType({ name: unique('Regular') })
    const membership = await makeMembership(user, 'active', { type, number: '2026-0777' })
    await MembershipStatusService.change(membership, 'grace', { reason: 'Expired' })
    const application = await makeApplication(user, type)
    application.status = 'approved'
    await application.save()
    const mentor = await makeBadge('Mentor')
    await MemberBadge.create({
      badgeId: mentor.id,
      userId: user.id,
      awardedAt: DateTime.utc(),
    })

    const module = privacyRegistry.all().find((entry) => entry.name === 'membership')!
    const { data } = await module.export(user)
    const exported = data as any
    assert.equal(exported.membership.memberNumber, '2026-0777')
    assert.equal(exported.membership.history[0].reason, 'Expired')
    assert.equal(exported.applications[0].institution, 'University of Leiden')
    assert.equal(exported.badges[0].badge, 'Mentor')
  })

  test('erasure removes their membership data but keeps what they decided for others', async ({
    assert,
  }) => {
    const board = await roles.board()
    const boardMembership = await makeMembership(board, 'active')
    const member = await roles.member()
    const membership = await makeMembership(member, 'active')
    await MembershipStatusService.change(membership, 'suspended', { actor: board, reason: 'Test' })
    await makeApplication(board, await makeType())

    const module = privacyRegistry.all().find((entry) => entry.name === 'membership')!
    await db.transaction(async (trx) => {
      await module.erase(board, trx)
    })
    assert.isNull(await Membership.find(boardMembership.id))
    assert.lengthOf(await MembershipHistory.query().where('membership_id', boardMembership.id), 0)
    const [line] = await MembershipHistory.query().where('membership_id', membership.id)
    assert.equal(line.actorId, board.id)
  })
})
