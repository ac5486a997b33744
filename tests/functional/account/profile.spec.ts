import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'

const ACCOUNT_PAGES = [
  '/account/profile',
  '/account/email',
  '/account/password',
  '/account/sessions',
  '/account/privacy',
  '/account/delete',
]

test.group('Account / access', (group) => {
  isolateDatabase(group)

  test('visitors are sent to the login page', async ({ client }) => {
    for (const url of ACCOUNT_PAGES) {
      const response = await client.get(url).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/login')
    }
    const exported = await client.post('/account/export').withCsrfToken().redirects(0)
    exported.assertHeader('location', '/login')
  })

  test('members whose address is not verified are sent to the verification notice', async ({
    client,
  }) => {
    const user = await UserFactory.apply('unverified').create()
    for (const url of ACCOUNT_PAGES) {
      const response = await client.get(url).loginAs(user).redirects(0)
      response.assertStatus(302)
      response.assertHeader('location', '/verify-email')
    }
  })

  test('every account page is labelled and has the account navigation', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    for (const url of ACCOUNT_PAGES) {
      const response = await client.get(url).loginAs(user)
      response.assertStatus(200)
      assert.match(response.text(), /<h1>[^<]+<\/h1>/)
      if (url !== '/account/delete') {
        response.assertTextIncludes('aria-label="Your account"')
        response.assertTextIncludes(`href="${url}" aria-current="page"`)
      }
    }
  })
})

test.group('Account / profile', (group) => {
  isolateDatabase(group)

  test('shows the profile form with labelled fields and the current values', async ({ client }) => {
    const user = await UserFactory.merge({
      displayName: 'Ada L.',
      phone: '+44 20 7946 0000',
      timezone: 'Europe/London',
    }).create()
    const response = await client.get('/account/profile').loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('<label for="field-displayName">Display name</label>')
    response.assertTextIncludes('value="Ada L."')
    response.assertTextIncludes('value="+44 20 7946 0000"')
    response.assertTextIncludes('<option value="Europe/London" selected>')
    response.assertTextIncludes('<option value="Pacific/Auckland"')
    response.assertTextIncludes('enctype="multipart/form-data"')
    response.assertTextIncludes("name='_csrf'")
  })

  test('saves the profile and privacy choices', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const response = await client
      .put('/account/profile')
      .form({
        displayName: '  Grace  ',
        bio: 'Rear admiral and compiler writer.',
        phone: '+1 (555) 010-2030',
        profileVisibility: 'public',
        showEmail: 'true',
        timezone: 'America/New_York',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/profile')
    response.assertFlashMessage('success', 'Your profile was saved.')

    await user.refresh()
    assert.equal(user.displayName, 'Grace')
    assert.equal(user.bio, 'Rear admiral and compiler writer.')
    assert.equal(user.phone, '+1 (555) 010-2030')
    assert.equal(user.profileVisibility, 'public')
    assert.isTrue(user.showEmail)
    assert.equal(user.timezone, 'America/New_York')
  })

  test('an unchecked box turns showing the email off and empty fields clear', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({
      showEmail: true,
      bio: 'old',
      timezone: 'Europe/Paris',
    }).create()
    await client
      .put('/account/profile')
      .form({ displayName: '', bio: '', phone: '', profileVisibility: 'private', timezone: '' })
      .loginAs(user)
      .withCsrfToken()
    await user.refresh()
    assert.isFalse(user.showEmail)
    assert.isNull(user.bio)
    assert.isNull(user.timezone)
    assert.equal(user.profileVisibility, 'private')
  })

  test('refuses invalid input with messages next to the fields and keeps what was typed', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ timezone: 'Europe/Paris' }).create()
    const response = await client
      .put('/account/profile')
      .form({
        displayName: 'Kept Name',
        phone: 'call me maybe',
        profileVisibility: 'everyone',
        timezone: 'Mars/Olympus_Mons',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const flash = response.flashMessages() as Record<string, any>
    assert.deepEqual(Object.keys(flash.inputErrorsBag).sort(), [
      'phone',
      'profileVisibility',
      'timezone',
    ])
    assert.equal(flash.displayName, 'Kept Name')

    await user.refresh()
    assert.equal(user.timezone, 'Europe/Paris')

    const page = await client.get('/account/profile').loginAs(user).withFlashMessages(flash)
    page.assertTextIncludes('value="Kept Name"')
    page.assertTextIncludes('Enter a phone number with digits, spaces and an optional leading +.')
    page.assertTextIncludes('Choose a time zone from the list.')
    page.assertTextIncludes('aria-describedby="field-phone-error"')
  })

  test('a profile change needs the CSRF token', async ({ client, assert }) => {
    const user = await UserFactory.merge({ displayName: 'Before' }).create()
    const response = await client
      .put('/account/profile')
      .form({ displayName: 'After', profileVisibility: 'public' })
      .loginAs(user)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    await user.refresh()
    assert.equal(user.displayName, 'Before')
  })
})
