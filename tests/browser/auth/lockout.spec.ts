import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import {
  BrowserSession,
  leakedTemplateSyntax,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

const PASSWORD = 'correct horse battery staple'

test.group('Login lockout in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('five wrong passwords pause the account, and the right one is then refused too', async ({
    assert,
  }) => {
    const user = await UserFactory.merge({
      email: uniqueEmail('lockout'),
      fullName: 'Locked Member',
    }).create()
    const page = await browser.newPage()

    const attempt = async (password: string) => {
      await page.goto('/login')
      await page.getByLabel('Email').fill(user.email)
      await page.getByLabel('Password').fill(password)
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.waitForURL('**/login')
      return page.getByRole('alert').first().innerText()
    }

    for (let failure = 1; failure <= 4; failure++) {
      assert.equal(await attempt(`wrong password ${failure}`), 'Incorrect email or password.')
    }
    await screenshot(page, 'login-wrong-password')

    // A first lock lasts the base 15 minutes; longer ones are for repeat offenders.
    assert.equal(
      await attempt('wrong password 5'),
      'Too many failed attempts: sign-in to this account is paused. Try again in 15 minutes, or reset your password.'
    )
    await screenshot(page, 'login-locked')
    const leaks = await leakedTemplateSyntax(page)

    const refused = await attempt(PASSWORD)
    assert.match(
      refused,
      /Too many failed attempts: sign-in to this account is paused\. Try again in \d+ minutes?/
    )
    assert.equal(await page.getByLabel('Email').inputValue(), user.email)

    await page.goto('/dashboard')
    await page.waitForURL('**/login')
    assert.deepEqual(leaks, [], 'template syntax shown as text')
  })
})
