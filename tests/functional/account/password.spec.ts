import { test } from '@japa/runner'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import hash from '@adonisjs/core/services/hash'
import AuditLog from '#models/audit_log'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import {
  closeOpenedSessions,
  openSessionElsewhere,
  sessionExists,
  uniqueEmail,
} from '#tests/functional/account/helpers'

const PASSWORD = 'correct horse battery staple'
const NEW_PASSWORD = 'lantern orbit pebble marmalade'

test.group('Account / change password', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group, 'account_password')
  group.each.teardown(() => closeOpenedSessions())

  test('changes the password, ends the other sessions and tells the owner', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('pw') }).create()
    const elsewhere = await openSessionElsewhere(user)
    assert.isTrue(await sessionExists(elsewhere))

    const response = await client
      .post('/account/password')
      .form({
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/password')
    response.assertFlashMessage(
      'success',
      'Your password was changed. Your other devices were signed out.'
    )
    // This device stays signed in.
    response.assertSession('auth_web', user.id)

    await user.refresh()
    assert.isTrue(await hash.verify(user.password, NEW_PASSWORD))
    assert.isFalse(await sessionExists(elsewhere), 'the other session was ended')

    await smtpSink.waitFor(user.email, (mail) => mail.subject === 'Your password was changed')
    assert.isNotNull(
      await AuditLog.query()
        .where('action', 'password.changed')
        .where('subject_id', user.id)
        .first()
    )
  })

  test('a password with spaces at its ends is kept exactly', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const padded = `  ${NEW_PASSWORD}  `
    await client
      .post('/account/password')
      .form({ currentPassword: PASSWORD, newPassword: padded, newPasswordConfirmation: padded })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, padded))
  })

  test('refuses a wrong current password and keeps the other sessions', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const elsewhere = await openSessionElsewhere(user)
    const response = await client
      .post('/account/password')
      .form({
        currentPassword: 'a wrong guess here',
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(flash.inputErrorsBag.currentPassword, ['The current password is not correct.'])
    assert.notProperty(flash, 'newPassword')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))
    assert.isTrue(await sessionExists(elsewhere))
  })

  test('guesses at the current password are throttled per account, across the account forms', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const change = (currentPassword: string) =>
      client
        .post('/account/password')
        .form({ currentPassword, newPassword: NEW_PASSWORD, newPasswordConfirmation: NEW_PASSWORD })
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
    for (let guess = 0; guess < 10; guess++) {
      const response = await change(`wrong guess number ${guess}`)
      response.assertStatus(302)
    }

    const limited = await change(PASSWORD)
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
    limited.assertTextIncludes('Slow down')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))

    const newEmail = uniqueEmail('elsewhere')
    const otherForm = await client
      .post('/account/email')
      .form({ email: newEmail, currentPassword: PASSWORD })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    otherForm.assertStatus(429)
    assert.lengthOf(smtpSink.to(newEmail), 0)

    const someoneElse = await UserFactory.create()
    const theirs = await client
      .post('/account/password')
      .form({
        currentPassword: 'a wrong guess here',
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
      })
      .loginAs(someoneElse)
      .withCsrfToken()
      .redirects(0)
    theirs.assertStatus(302)
  })

  test('the new password follows the registration rules', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const cases = [
      {
        fields: { newPassword: 'too short', newPasswordConfirmation: 'too short' },
        field: 'newPassword',
      },
      {
        fields: { newPassword: 'password1234', newPasswordConfirmation: 'password1234' },
        field: 'newPassword',
      },
      {
        fields: { newPassword: NEW_PASSWORD, newPasswordConfirmation: `${NEW_PASSWORD}!` },
        field: 'newPasswordConfirmation',
        message: 'The two new passwords do not match.',
      },
    ]
    for (const { fields, field, message } of cases) {
      const response = await client
        .post('/account/password')
        .form({ currentPassword: PASSWORD, ...fields })
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      const flash = response.flashMessages() as Record<string, any>
      assert.property(flash.inputErrorsBag, field, JSON.stringify(fields))
      if (message) assert.deepEqual(flash.inputErrorsBag[field], [message])
    }
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))
  })

  test('the page renders the errors next to the fields', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client
      .get('/account/password')
      .loginAs(user)
      .withFlashMessages({
        inputErrorsBag: { currentPassword: ['The current password is not correct.'] },
      })
    response.assertTextIncludes('id="field-currentPassword-error"')
    response.assertTextIncludes('autocomplete="new-password"')
  })

  test('the change needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await client
      .post('/account/password')
      .form({
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        newPasswordConfirmation: NEW_PASSWORD,
      })
      .loginAs(user)
      .redirects(0)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, PASSWORD))
  })
})
