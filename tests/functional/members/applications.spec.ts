import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { smtpSink } from '#tests/helpers/mail'
import Membership from '#models/membership'
import MembershipApplication from '#models/membership_application'
import MemberProfile from '#models/member_profile'
import AuditLog from '#models/audit_log'
import {
  makeApplication,
  makeMembership,
  makeType,
  randomIp,
  roles,
  roleOf,
} from '#tests/functional/members/fixtures'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

function applicationForm(typeId: number) {
  return {
    membershipTypeId: String(typeId),
    institution: 'Utrecht University',
    position: 'Researcher',
    field: 'Economic history',
    degrees: 'PhD',
    website: 'https://example.org/me',
    orcid: '0000-0002-1825-0097',
    interests: 'Craft guilds',
    country: 'nl',
    motivation: 'I would like to join the society to meet other historians.',
    consent: 'on',
  }
}

test.group('Members / applications', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('the form lists the open types with their fee', async ({ client }) => {
    const user = await roles.user()
    const type = await makeType({ feeAmount: 4500, currency: 'EUR' })
    await makeType({ name: `Closed ${type.name}`, isActive: false })
    const page = await client
      .get('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes(`${type.name}: €45.00 per year`)
    if (page.text().includes(`Closed ${type.name}`)) throw new Error('A closed type is offered')
  })

  test('a verified user applies, is emailed, and the application waits for the board', async ({
    client,
    assert,
  }) => {
    const user = await roles.user()
    const type = await makeType()
    const response = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .form(applicationForm(type.id))
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/membership')

    const application = await MembershipApplication.findByOrFail('user_id', user.id)
    assert.equal(application.status, 'pending')
    assert.equal(application.country, 'NL')
    assert.equal(application.consentVersion, '2026-01')
    assert.isNotNull(application.consentedAt)
    const mail = await smtpSink.waitFor(user.email, (m) => (m.subject ?? '').includes('received'))
    assert.include(mail.text ?? '', type.name)
  })

  test('the supporting document is checked by content', async ({ client, assert, cleanup }) => {
    const user = await roles.user()
    const type = await makeType()
    const fake = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .fields(applicationForm(type.id))
      .file('document', Buffer.from('<html><script>alert(1)</script></html>'), {
        filename: 'cv.pdf',
      })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    fake.assertStatus(302)
    assert.property(fake.flashMessages().inputErrorsBag, 'document')
    assert.isNull(await MembershipApplication.findBy('user_id', user.id))

    const real = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .fields(applicationForm(type.id))
      .file('document', PDF, { filename: 'cv.pdf' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    real.assertHeader('location', '/membership')
    const application = await MembershipApplication.findByOrFail('user_id', user.id)
    assert.match(application.documentKey ?? '', /^applications\/.+\.pdf$/)
    cleanup(() => drive.use().delete(application.documentKey!))
    assert.isTrue(await drive.use().exists(application.documentKey!))
  })

  test('invalid input comes back with messages next to the fields', async ({ client, assert }) => {
    const user = await roles.user()
    const type = await makeType()
    const response = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .form({ ...applicationForm(type.id), orcid: 'nope', motivation: 'short', consent: '' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag
    assert.properties(errors, ['orcid', 'motivation', 'consent'])
    assert.isNull(await MembershipApplication.findBy('user_id', user.id))
  })

  test('professional information follows the profile’s limits, which the columns hold', async ({
    client,
    assert,
  }) => {
    const user = await roles.user()
    const type = await makeType()
    const response = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .form({ ...applicationForm(type.id), position: 'p'.repeat(121), country: 'XX' })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.deepEqual(errors.position, ['This can be at most 120 characters long.'])
    assert.deepEqual(errors.country, ['Enter the two-letter code of a country, like FR or GB.'])
    assert.isNull(await MembershipApplication.findBy('user_id', user.id))
    assert.equal(response.flashMessages().position, 'p'.repeat(121), 'input kept')
  })

  test('an unverified user may not apply; a second application is refused', async ({
    client,
    assert,
  }) => {
    const unverified = await roles.user()
    unverified.emailVerifiedAt = null
    await unverified.save()
    const type = await makeType()
    const denied = await client
      .get('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .loginAs(unverified)
    denied.assertStatus(403)

    const user = await roles.user()
    await makeApplication(user, type)
    const again = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .form(applicationForm(type.id))
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    again.assertHeader('location', '/membership/apply')
    assert.equal(
      again.flashMessages().error,
      'You already have an application waiting for the board.'
    )
    assert.lengthOf(await MembershipApplication.query().where('user_id', user.id), 1)
  })

  test('board approval: active membership, number, expiry, profile copied, role, mail, audit', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const applicant = await roles.user()
    const type = await makeType({ durationMonths: 12 })
    const application = await makeApplication(applicant, type)

    const response = await client
      .post(`/admin/applications/${application.id}/approve`)
      .header('x-forwarded-for', randomIp())
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    response.assertStatus(302)

    const membership = await Membership.findByOrFail('user_id', applicant.id)
    assert.equal(membership.status, 'active')
    assert.match(membership.memberNumber!, /^\d{4}-\d{4}$/)
    assert.equal(
      membership.expiresOn?.toISODate(),
      membership.startedOn!.plus({ months: 12 }).toISODate()
    )
    const profile = await MemberProfile.findByOrFail('user_id', applicant.id)
    assert.equal(profile.institution, 'University of Leiden')
    assert.equal(profile.orcid, '0000-0002-1825-0097')
    assert.equal(await roleOf(applicant.id), 'member')
    await application.refresh()
    assert.equal(application.status, 'approved')
    assert.equal(application.decidedById, board.id)
    const mail = await smtpSink.waitFor(applicant.email, (m) =>
      (m.subject ?? '').includes('approved')
    )
    assert.include(mail.text ?? '', membership.memberNumber!)
    assert.exists(
      await AuditLog.query()
        .where('action', 'membership.approved')
        .where('subject_id', applicant.id)
        .first()
    )
  })

  test('rejection needs a reason, which the applicant receives', async ({ client, assert }) => {
    const board = await roles.board()
    const applicant = await roles.user()
    const application = await makeApplication(applicant, await makeType())

    const missing = await client
      .post(`/admin/applications/${application.id}/reject`)
      .header('x-forwarded-for', randomIp())
      .form({ reason: '' })
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    missing.assertStatus(302)
    assert.property(missing.flashMessages().inputErrorsBag, 'reason')

    await client
      .post(`/admin/applications/${application.id}/reject`)
      .header('x-forwarded-for', randomIp())
      .form({ reason: 'We only admit historians.' })
      .withCsrfToken()
      .loginAs(board)
    await application.refresh()
    assert.equal(application.status, 'rejected')
    assert.isNull(await Membership.findBy('user_id', applicant.id))
    const mail = await smtpSink.waitFor(applicant.email, (m) =>
      (m.subject ?? '').includes('not accepted')
    )
    assert.include(mail.text ?? '', 'We only admit historians.')
  })

  test('a decided application cannot be decided again', async ({ client, assert }) => {
    const board = await roles.board()
    const applicant = await roles.user()
    const application = await makeApplication(applicant, await makeType())
    await client
      .post(`/admin/applications/${application.id}/reject`)
      .form({ reason: 'Not now, sorry.' })
      .withCsrfToken()
      .loginAs(board)
    const response = await client
      .post(`/admin/applications/${application.id}/approve`)
      .withCsrfToken()
      .loginAs(board)
      .redirects(0)
    assert.equal(
      response.flashMessages().error,
      'Another board member decided this application first.'
    )
    assert.isNull(await Membership.findBy('user_id', applicant.id))
  })

  test('a board member cannot decide their own application', async ({ client }) => {
    const board = await roles.board()
    const application = await makeApplication(board, await makeType())
    const response = await client
      .post(`/admin/applications/${application.id}/approve`)
      .withCsrfToken()
      .loginAs(board)
    response.assertStatus(403)
  })

  test('approval of a lapsed member brings the same membership back', async ({
    client,
    assert,
  }) => {
    const board = await roles.board()
    const user = await roles.user()
    const membership = await makeMembership(user, 'inactive', { number: '2020-0001' })
    const application = await makeApplication(user, await makeType())
    await client
      .post(`/admin/applications/${application.id}/approve`)
      .withCsrfToken()
      .loginAs(board)
    await membership.refresh()
    assert.equal(membership.status, 'active')
    assert.equal(membership.memberNumber, '2020-0001')
    assert.lengthOf(await Membership.query().where('user_id', user.id), 1)
  })

  test('a type without approval admits the applicant at once', async ({ client, assert }) => {
    const user = await roles.user()
    const type = await makeType({ requiresApproval: false })
    const response = await client
      .post('/membership/apply')
      .header('x-forwarded-for', randomIp())
      .form(applicationForm(type.id))
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    assert.equal(
      response.flashMessages().success,
      'Welcome: you are now a member. We sent you the details.'
    )
    const membership = await Membership.findByOrFail('user_id', user.id)
    assert.equal(membership.status, 'active')
    assert.equal(await roleOf(user.id), 'member')
  })

  test('the queue and an application are for the board only', async ({ client }) => {
    const applicant = await roles.user()
    const application = await makeApplication(applicant, await makeType())
    const urls = ['/admin/applications', `/admin/applications/${application.id}`]
    for (const url of urls) {
      const visitor = await client.get(url).redirects(0)
      visitor.assertStatus(302)
      for (const who of [await roles.user(), await roles.member()]) {
        const response = await client.get(url).header('x-forwarded-for', randomIp()).loginAs(who)
        response.assertStatus(403)
      }
      const board = await client
        .get(url)
        .header('x-forwarded-for', randomIp())
        .loginAs(await roles.board())
      board.assertStatus(200)
    }
  })
})
