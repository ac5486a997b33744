import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import AuditLog from '#models/audit_log'
import Membership from '#models/membership'
import MemberProfile from '#models/member_profile'
import User from '#models/user'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import ImportMembers from '#jobs/members/import_members'
import MemberImportService from '#services/members/member_import_service'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import {
  historyOf,
  makeMembership,
  makeType,
  randomIp,
  roles,
  unique,
} from '#tests/functional/members/fixtures'

function csv(lines: string[]) {
  return Buffer.from(lines.join('\n') + '\n')
}

// Previews the tests leave unconfirmed, removed after each test.
const previews: string[] = []

async function preview(client: ApiClient, admin: User, file: Buffer) {
  const response = await client
    .post('/admin/members/import/preview')
    .header('x-forwarded-for', randomIp())
    .file('file', file, { filename: 'members.csv', contentType: 'text/csv' })
    .withCsrfToken()
    .loginAs(admin)
  const match = response.text().match(/name="token" value="([\w-]+)"/)
  if (match) previews.push(match[1])
  return response
}

function tokenIn(html: string) {
  const match = html.match(/name="token" value="([\w-]+)"/)
  if (!match) throw new Error('No import token in the preview')
  return match[1]
}

test.group('Members / CSV import', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)
  group.each.teardown(async () => {
    for (const token of previews.splice(0)) {
      await MemberImportService.discard(token)
    }
  })

  test('the dry run shows per-row errors and writes nothing', async ({ client, assert }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const fresh = `${unique('new')}@import.test`
    const file = csv([
      'email,full_name,type,status,expires_on,institution,country',
      `${fresh},Hilde Visser,${type.name},active,2027-01-31,Leiden University,nl`,
      `not-an-email,Someone,${type.name},,,,`,
      `${unique('x')}@import.test,No Type,Nonexistent,,,,`,
      `${unique('y')}@import.test,,${type.name},,,,`,
      `${unique('z')}@import.test,Bad Date,${type.name},,31/01/2027,,`,
    ])
    const response = await preview(client, admin, file)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '1 to create, 0 to update, 0 unchanged, 4 with errors')
    assert.include(html, 'Import 1 row</button>')
    assert.include(html, 'no membership type is called &quot;Nonexistent&quot;')
    assert.include(html, 'full_name: a new member needs a name')
    assert.include(html, 'email:')
    assert.include(html, 'expires_on:')
    assert.isNull(await User.findBy('email', fresh))
  })

  test('importing creates, updates by email, invites new members, and is idempotent', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const existing = await roles.user()
    const existingMembership = await makeMembership(existing, 'active', { type })
    const fresh = `${unique('new')}@import.test`
    const file = csv([
      'email,full_name,type,status,expires_on,institution,country',
      `${fresh},Hilde Visser,${type.name},active,2027-01-31,Leiden University,nl`,
      `${existing.email.toUpperCase()},Renamed Member,${type.slug},suspended,,Ghent University,BE`,
    ])

    const first = await preview(client, admin, file)
    assert.include(first.text(), '1 to create, 1 to update')
    const done = await client
      .post('/admin/members/import')
      .header('x-forwarded-for', randomIp())
      .form({ token: tokenIn(first.text()) })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    done.assertStatus(302)
    assert.equal(
      done.flashMessages().success,
      'The import is running. You will receive a report by email when it is done.'
    )
    const report = await smtpSink.waitFor(admin.email, (m) =>
      (m.subject ?? '').startsWith('Member import done')
    )
    assert.equal(report.subject, 'Member import done: 1 created, 1 updated, 0 skipped')

    const created = await User.findByOrFail('email', fresh)
    assert.equal(created.fullName, 'Hilde Visser')
    assert.equal(created.role, 'member')
    const createdMembership = await Membership.findByOrFail('user_id', created.id)
    assert.equal(createdMembership.status, 'active')
    assert.equal(createdMembership.expiresOn?.toISODate(), '2027-01-31')
    const profile = await MemberProfile.findByOrFail('user_id', created.id)
    assert.equal(profile.country, 'NL')

    await existing.refresh()
    await existingMembership.refresh()
    assert.equal(existing.fullName, 'Renamed Member')
    assert.equal(existingMembership.status, 'suspended')
    assert.equal(existing.role, 'user')

    const invitation = await smtpSink.waitFor(fresh, (m) =>
      (m.subject ?? '').includes('choose a password')
    )
    const link = linkIn(invitation, '/reset-password/')
    const page = await client.get(new URL(link).pathname)
    page.assertStatus(200)

    // The same file again: nothing duplicated, no second invitation.
    const again = await preview(client, admin, file)
    await client
      .post('/admin/members/import')
      .form({ token: tokenIn(again.text()) })
      .withCsrfToken()
      .loginAs(admin)
    assert.lengthOf(await User.query().where('email', fresh), 1)
    assert.lengthOf(await Membership.query().where('user_id', created.id), 1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.lengthOf(smtpSink.to(fresh), 1)
    assert.lengthOf(await AuditLog.query().where('action', 'membership.imported'), 2)
  })

  test('an imported member is admitted like an approved applicant: number, term, history', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType({ durationMonths: 12 })
    const fresh = `${unique('new')}@import.test`
    const file = csv([
      'email,full_name,type,started_on',
      `${fresh},Joost Smit,${type.name},2019-03-01`,
    ])
    const previewed = await preview(client, admin, file)
    await client
      .post('/admin/members/import')
      .header('x-forwarded-for', randomIp())
      .form({ token: tokenIn(previewed.text()) })
      .withCsrfToken()
      .loginAs(admin)

    const user = await User.findByOrFail('email', fresh)
    const membership = await Membership.findByOrFail('user_id', user.id)
    // Numbered in the year of admission, like every approval, not in the year the file says.
    assert.match(membership.memberNumber ?? '', new RegExp(`^${DateTime.utc().year}-\\d{4}$`))
    assert.equal(membership.startedOn?.toISODate(), '2019-03-01')
    assert.equal(membership.expiresOn?.toISODate(), '2020-03-01')
    const history = await historyOf(membership)
    assert.lengthOf(history, 1)
    const [line] = history
    assert.deepEqual(
      [line.event, line.fromStatus, line.toStatus, line.reason, line.actorId],
      ['status_change', null, 'active', 'Imported', admin.id]
    )
    assert.equal(line.toExpiresOn?.toISODate(), '2020-03-01')
  })

  test('the import job mails a report with the skipped rows, audits, and never duplicates', async ({
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const existing = await roles.user()
    await makeMembership(existing, 'active', { type })
    const fresh = `${unique('new')}@import.test`
    const typo = `${unique('typo')}@import.test`
    const file = csv([
      'email,full_name,type',
      `${fresh},Hilde Visser,${type.name}`,
      `${existing.email},Renamed Member,${type.name}`,
      `${typo},No Type,Nonexistent`,
    ])
    const origin = { ip: '203.0.113.9', userAgent: 'Import test' }
    const run = async (key: string) => {
      const job = new ImportMembers()
      job.$hydrate({ key, actorId: admin.id, origin }, {} as any)
      await job.execute()
      return job
    }
    const reports = () =>
      smtpSink.to(admin.email).filter((m) => (m.subject ?? '').startsWith('Member import done'))

    const key = await MemberImportService.stage(await MemberImportService.keep(file, admin), admin)
    const job = await run(key!)
    const report = await smtpSink.waitFor(admin.email, (m) =>
      (m.subject ?? '').startsWith('Member import done')
    )
    assert.equal(report.subject, 'Member import done: 1 created, 1 updated, 1 skipped')
    assert.include(
      report.text ?? '',
      `Line 4 (${typo}): type: no membership type is called "Nonexistent"`
    )
    const log = await AuditLog.query()
      .where('action', 'membership.imported')
      .where('actor_id', admin.id)
      .firstOrFail()
    assert.equal(log.ip, '203.0.113.9')
    await existing.refresh()
    assert.equal(existing.fullName, 'Renamed Member')

    // The job run again once it has finished: nothing happens, no second report.
    await job.execute()
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.lengthOf(reports(), 1)

    // A retry that finds the file still there (a run stopped before the end) updates what the
    // first run created instead of creating it again.
    await drive.use().put(key!, file)
    await run(key!)
    const second = await smtpSink.waitFor(
      admin.email,
      (m) => m.subject === 'Member import done: 0 created, 0 updated, 1 skipped'
    )
    assert.include(second.text ?? '', '2 unchanged')
    const created = await User.query().where('email', fresh)
    assert.lengthOf(created, 1)
    assert.lengthOf(await Membership.query().where('user_id', created[0].id), 1)
    assert.lengthOf(smtpSink.to(fresh), 1, 'one invitation')
    assert.isFalse(await drive.use().exists(key!), 'the staged file is removed')
  })

  test('an import whose admin lost the right before it ran imports nothing', async ({ assert }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const fresh = `${unique('late')}@import.test`
    const file = csv(['email,full_name,type', `${fresh},Late Person,${type.name}`])
    const key = await MemberImportService.stage(await MemberImportService.keep(file, admin), admin)
    admin.role = 'board'
    await admin.save()

    const job = new ImportMembers()
    job.$hydrate({ key: key!, actorId: admin.id, origin: { ip: null, userAgent: null } }, {} as any)
    await job.execute()
    assert.isNull(await User.findBy('email', fresh))
    assert.isFalse(await drive.use().exists(key!))
    assert.lengthOf(await db.from('member_import_previews').where('user_id', admin.id), 0)
    assert.lengthOf(
      smtpSink.to(admin.email).filter((m) => (m.subject ?? '').startsWith('Member import done')),
      0
    )
  })

  test('a preview token is single-use and bound to the admin who uploaded', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const other = await roles.admin()
    const type = await makeType()
    const file = csv(['email,full_name,type', `${unique('a')}@import.test,A Person,${type.name}`])
    const previewed = await preview(client, admin, file)
    const token = tokenIn(previewed.text())
    const stolen = await client
      .post('/admin/members/import')
      .form({ token })
      .withCsrfToken()
      .loginAs(other)
      .redirects(0)
    assert.include(stolen.flashMessages().error, 'expired')
    await client.post('/admin/members/import').form({ token }).withCsrfToken().loginAs(admin)
    const replay = await client
      .post('/admin/members/import')
      .form({ token })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.include(replay.flashMessages().error, 'expired')
  })

  test('a preview is kept in the shared storage and the database, for any instance to confirm', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const file = csv(['email,full_name,type', `${unique('s')}@import.test,S Person,${type.name}`])
    const previewed = await preview(client, admin, file)
    const token = tokenIn(previewed.text())
    const [kept] = await db.from('member_import_previews').where('user_id', admin.id)
    assert.notEqual(kept.token_hash, token, 'only the hash of the token is stored')
    const key = `member-imports/${kept.token_hash}.csv`
    assert.deepEqual(Buffer.from(await drive.use().getBytes(key)), file)

    assert.equal(await MemberImportService.stage(token, admin), key)
    assert.isNull(await MemberImportService.stage(token, admin), 'confirmed once')
  })

  test('a preview not confirmed within a day expires, and its file goes', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const file = csv(['email,full_name,type', `${unique('d')}@import.test,D Person,${type.name}`])
    const previewed = await preview(client, admin, file)
    const token = tokenIn(previewed.text())
    const [kept] = await db.from('member_import_previews').where('user_id', admin.id)
    await db
      .from('member_import_previews')
      .where('token_hash', kept.token_hash)
      .update({ created_at: DateTime.utc().minus({ hours: 25 }).toSQL({ includeOffset: false }) })

    const late = await client
      .post('/admin/members/import')
      .form({ token })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    assert.include(late.flashMessages().error, 'expired')

    // The next upload clears what expired.
    await preview(client, admin, file)
    assert.isFalse(await drive.use().exists(`member-imports/${kept.token_hash}.csv`))
    assert.lengthOf(await db.from('member_import_previews').where('token_hash', kept.token_hash), 0)
  })

  test('an admin who deletes their account takes their waiting previews with them', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const type = await makeType()
    const file = csv(['email,full_name,type', `${unique('e')}@import.test,E Person,${type.name}`])
    await preview(client, admin, file)
    const [kept] = await db.from('member_import_previews').where('user_id', admin.id)

    const deletion = await client
      .delete('/account')
      .form({ currentPassword: 'correct horse battery staple', confirmation: 'DELETE' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    deletion.assertHeader('location', '/')
    assert.lengthOf(await db.from('member_import_previews').where('user_id', admin.id), 0)
    assert.isFalse(await drive.use().exists(`member-imports/${kept.token_hash}.csv`))
  })

  test('a file without the required columns is refused with a message', async ({
    client,
    assert,
  }) => {
    const admin = await roles.admin()
    const response = await client
      .post('/admin/members/import/preview')
      .file('file', csv(['name,city', 'A,B']), { filename: 'members.csv' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessages().inputErrorsBag, {
      file: ['The file needs a "email" column.'],
    })
  })
})
