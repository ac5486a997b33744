import { test } from '@japa/runner'
import AuditLog from '#models/audit_log'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import { emailChangeLink, uniqueEmail } from '#tests/functional/account/helpers'

const PASSWORD = 'correct horse battery staple'

test.group('Account / change email', (group) => {
  isolateDatabase(group)

  test('the address changes only when the link sent to the new address is followed, once', async ({
    client,
    assert,
  }) => {
    const oldEmail = uniqueEmail('old')
    const newEmail = uniqueEmail('new')
    const user = await UserFactory.merge({ email: oldEmail }).create()

    const response = await client
      .post('/account/email')
      .form({ email: newEmail.toUpperCase(), currentPassword: PASSWORD })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/email')
    assert.include(response.flashMessages().success, newEmail)

    await user.refresh()
    assert.equal(user.email, oldEmail, 'not changed before the link is followed')

    const mail = await smtpSink.waitFor(
      newEmail,
      (m) => m.subject === 'Confirm your new email address'
    )
    const path = new URL(linkIn(mail, '/account/email/confirm/')).pathname

    const confirmed = await client.get(path).loginAs(user).redirects(0)
    confirmed.assertStatus(302)
    confirmed.assertFlashMessage('success', `Your email address is now ${newEmail}.`)
    await user.refresh()
    assert.equal(user.email, newEmail)
    assert.isNotNull(user.emailVerifiedAt)

    const notice = await smtpSink.waitFor(
      oldEmail,
      (m) => m.subject === 'The email address of your account was changed'
    )
    assert.include(notice.text ?? '', newEmail)

    const audit = await AuditLog.query()
      .where('action', 'email.changed')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.deepEqual(JSON.parse(audit.meta!), { from: oldEmail, to: newEmail })

    const again = await client.get(path).loginAs(user).redirects(0)
    assert.include(again.flashMessages().error, 'invalid, expired or was already used')
  })

  test("another member cannot use someone else's link", async ({ client, assert }) => {
    const newEmail = uniqueEmail('new')
    const owner = await UserFactory.create()
    const intruder = await UserFactory.create()
    const path = await emailChangeLink(client, owner, newEmail, PASSWORD)

    const response = await client.get(path).loginAs(intruder).redirects(0)
    assert.include(response.flashMessages().error, 'invalid')
    await intruder.refresh()
    await owner.refresh()
    assert.notEqual(intruder.email, newEmail)
    assert.notEqual(owner.email, newEmail)
  })

  test('refuses an address used by another account', async ({ client, assert }) => {
    const taken = await UserFactory.merge({ email: uniqueEmail('taken') }).create()
    const user = await UserFactory.create()
    const response = await client
      .post('/account/email')
      .form({ email: taken.email, currentPassword: PASSWORD })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.email, [
      'This email address is already used by another account.',
    ])
    assert.equal(flash.email, taken.email)
    assert.lengthOf(smtpSink.to(taken.email), 0)

    const page = await client.get('/account/email').loginAs(user).withFlashMessages(flash)
    page.assertTextIncludes('This email address is already used by another account.')
    page.assertTextIncludes(`value="${taken.email}"`)
  })

  test('an address taken after the link was sent is not applied', async ({ client, assert }) => {
    const newEmail = uniqueEmail('race')
    const user = await UserFactory.create()
    const path = await emailChangeLink(client, user, newEmail, PASSWORD)
    await UserFactory.merge({ email: newEmail }).create()

    const response = await client.get(path).loginAs(user).redirects(0)
    assert.include(response.flashMessages().error, 'now used by another account')
    await user.refresh()
    assert.notEqual(user.email, newEmail)
  })

  test('refuses a wrong current password and keeps no password in the session', async ({
    client,
    assert,
  }) => {
    const newEmail = uniqueEmail('new')
    const user = await UserFactory.create()
    const response = await client
      .post('/account/email')
      .form({ email: newEmail, currentPassword: 'not my password at all' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.currentPassword, ['The current password is not correct.'])
    assert.notProperty(flash, 'currentPassword')
    assert.lengthOf(smtpSink.to(newEmail), 0)
  })

  test('an invalid address is refused next to the field', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .post('/account/email')
      .form({ email: 'not-an-address', currentPassword: PASSWORD })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.email, [
      'Enter a valid email address, like name@example.org.',
    ])
  })

  test('the request needs the CSRF token', async ({ client, assert }) => {
    const newEmail = uniqueEmail('csrf')
    const user = await UserFactory.create()
    const response = await client
      .post('/account/email')
      .form({ email: newEmail, currentPassword: PASSWORD })
      .loginAs(user)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    assert.notInclude(response.flashMessages().success ?? '', newEmail)
    // Mail goes through the sync queue in tests: had the request been accepted, it would be here.
    assert.lengthOf(smtpSink.to(newEmail), 0)
  })
})
