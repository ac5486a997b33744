import { test } from '@japa/runner'
import User from '#models/user'
import AuditLog from '#models/audit_log'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import { UserFactory } from '#database/factories/user_factory'
import SignupGuard from '#services/auth/signup_guard'
import { filledFormToken, randomIp, uniqueEmail } from './helpers.js'

const STRONG = 'lantern orbit pebble violin'

test.group('Registration', (group) => {
  isolateDatabase(group)

  test('the form has labelled fields with autocomplete hints, a honeypot and a strength meter', async ({
    client,
  }) => {
    const response = await client.get('/register')
    response.assertStatus(200)
    response.assertTextIncludes('<label for="field-fullName">Full name</label>')
    response.assertTextIncludes('autocomplete="name"')
    response.assertTextIncludes('autocomplete="email"')
    response.assertTextIncludes('autocomplete="new-password"')
    response.assertTextIncludes('class="honeypot" aria-hidden="true"')
    response.assertTextIncludes('tabindex="-1" autocomplete="off"')
    response.assertTextIncludes('<meter id="password-strength"')
    response.assertTextIncludes('aria-live="polite"')
    response.assertTextIncludes('<script src="/js/password_strength.js" defer></script>')
    response.assertTextIncludes('name="formToken"')
  })

  test('a visitor creates an unverified account and receives a confirmation link', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('new')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({
        fullName: '  Ada Lovelace ',
        email: ` ${email.toUpperCase()} `,
        password: STRONG,
        formToken: filledFormToken(),
      })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/verify-email')
    assert.include(response.flashMessages().success, 'Check')

    const user = await User.findByOrFail('email', email)
    assert.equal(user.fullName, 'Ada Lovelace')
    assert.equal(user.role, 'user')
    assert.isNull(user.emailVerifiedAt)
    assert.isTrue(await user.verifyPassword(STRONG))
    assert.exists(
      await AuditLog.query().where('action', 'account.created').where('subject_id', user.id).first()
    )

    const mail = await smtpSink.waitFor(email, (m) => m.subject === 'Confirm your email address')
    assert.match(
      linkIn(mail, '/verify-email/'),
      /^http:\/\/localhost:\d+\/verify-email\/[\w-]{20,}$/
    )
  })

  test('invalid input is shown next to each field and the input is kept', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .header('referer', '/register')
      .form({
        fullName: '   ',
        email: 'not-an-email',
        password: 'short',
        formToken: filledFormToken(),
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/register')

    const page = await client.get('/register').withFlashMessages(response.flashMessages())
    page.assertTextIncludes(
      'id="field-fullName-error" class="field-error">Please fill in your name.'
    )
    page.assertTextIncludes(
      'id="field-email-error" class="field-error">Enter a valid email address'
    )
    page.assertTextIncludes(
      'id="field-password-error" class="field-error">Use at least 12 characters'
    )
    page.assertTextIncludes('value="not-an-email"')
    assert.notInclude(page.text(), 'value="short"')
  })

  test('a password found in the common-password list is refused with a clear message', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('common')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({
        fullName: 'Common Choice',
        email,
        password: 'Qwerty123456',
        formToken: filledFormToken(),
      })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.include(response.flashMessage('inputErrorsBag.password.0'), 'commonly used passwords')
    assert.isNull(await User.findBy('email', email))
  })

  test('a password longer than 256 characters is refused', async ({ client, assert }) => {
    const email = uniqueEmail('long')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({
        fullName: 'Long Typer',
        email,
        password: 'x'.repeat(257),
        formToken: filledFormToken(),
      })
      .withCsrfToken()
      .redirects(0)
    assert.include(response.flashMessage('inputErrorsBag.password.0'), 'at most 256')
    assert.isNull(await User.findBy('email', email))
  })

  test('a 70-character passphrase is kept exactly as typed, spaces included', async ({
    client,
    assert,
  }) => {
    const email = uniqueEmail('passphrase')
    const password = `  ${'correct horse battery staple '.repeat(3).slice(0, 64)}end  `
    assert.lengthOf(password, 71)
    const ip = randomIp()
    await client
      .post('/register')
      .header('x-forwarded-for', ip)
      .form({ fullName: 'Pass Phrase', email, password, formToken: filledFormToken() })
      .withCsrfToken()
      .redirects(0)

    const user = await User.findByOrFail('email', email)
    assert.isTrue(await user.verifyPassword(password))
    assert.isFalse(await user.verifyPassword(password.trim()))

    const login = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email, password })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/dashboard')

    const trimmed = await client
      .post('/login')
      .header('x-forwarded-for', ip)
      .form({ email, password: password.trim() })
      .withCsrfToken()
      .redirects(0)
    assert.equal(trimmed.flashMessages().error, 'Incorrect email or password.')
  })

  test('a filled honeypot is refused without creating the account', async ({ client, assert }) => {
    const email = uniqueEmail('bot')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({
        fullName: 'Spam Bot',
        email,
        password: STRONG,
        website: 'http://spam.example',
        formToken: filledFormToken(),
      })
      .withCsrfToken()
    response.assertStatus(400)
    response.assertTextIncludes('We could not accept this sign-up')
    assert.isNull(await User.findBy('email', email))
    assert.lengthOf(smtpSink.to(email), 0)
  })

  test('a form sent faster than a person can fill it is refused', async ({ client, assert }) => {
    const email = uniqueEmail('fast')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({ fullName: 'Fast Bot', email, password: STRONG, formToken: SignupGuard.formToken() })
      .withCsrfToken()
    response.assertStatus(400)
    response.assertTextIncludes('We could not accept this sign-up')
    // The name and address come back so a person only has to send the form again.
    response.assertTextIncludes(`value="${email}"`)
    assert.isNull(await User.findBy('email', email))
  })

  test('a missing or forged form timestamp is refused', async ({ client, assert }) => {
    const email = uniqueEmail('forged')
    for (const formToken of [undefined, 'forged-value']) {
      const response = await client
        .post('/register')
        .header('x-forwarded-for', randomIp())
        .form({ fullName: 'Forger', email, password: STRONG, ...(formToken ? { formToken } : {}) })
        .withCsrfToken()
      response.assertStatus(400)
    }
    assert.isNull(await User.findBy('email', email))
  })

  test('a form without the CSRF token is refused', async ({ client, assert }) => {
    const email = uniqueEmail('csrf')
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({ fullName: 'Cross Site', email, password: STRONG, formToken: filledFormToken() })
      .redirects(0)
    assert.notEqual(response.header('location'), '/verify-email')
    assert.isNull(await User.findBy('email', email))
  })

  test('registering an address that has an account answers the same and tells its owner', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.merge({ email: uniqueEmail('owner') }).create()
    const response = await client
      .post('/register')
      .header('x-forwarded-for', randomIp())
      .form({
        fullName: 'Someone Else',
        email: owner.email,
        password: STRONG,
        formToken: filledFormToken(),
      })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/verify-email')
    assert.include(response.flashMessages().success, 'Check')
    const accounts = await User.query().where('email', owner.email)
    assert.lengthOf(accounts, 1)
    assert.isTrue(await accounts[0].verifyPassword('correct horse battery staple'))

    const mail = await smtpSink.waitFor(owner.email, (m) =>
      (m.subject ?? '').startsWith('Someone tried to create an account')
    )
    assert.include(linkIn(mail, '/forgot-password'), '/forgot-password')
  })

  test('one IP may register only a few accounts an hour', async ({ client, assert }) => {
    const ip = randomIp()
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/register')
        .header('x-forwarded-for', ip)
        .form({
          fullName: `Batch ${attempt}`,
          email: uniqueEmail('batch'),
          password: STRONG,
          formToken: filledFormToken(),
        })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }
    const email = uniqueEmail('batch')
    const limited = await client
      .post('/register')
      .header('x-forwarded-for', ip)
      .header('accept', 'text/html')
      .form({ fullName: 'Batch 6', email, password: STRONG, formToken: filledFormToken() })
      .withCsrfToken()
      .redirects(0)
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
    limited.assertTextIncludes('Slow down')
    assert.isNull(await User.findBy('email', email))
  })
})
