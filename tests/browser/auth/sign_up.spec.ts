import { test } from '@japa/runner'
import {
  BrowserSession,
  leakedTemplateSyntax,
  localUrl,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'

const PASSWORD = 'lantern orchard copper violin'

/*
 * Sign-up refuses forms sent faster than a person could fill them (SignupGuard), so the
 * journey waits as long as a quick typist would.
 */
const HUMAN_FILL_MS = 3_100

test.group('Signing up in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a visitor signs up, confirms the address from the mail and logs in', async ({ assert }) => {
    const email = uniqueEmail('signup')
    const page = await browser.newPage()

    await page.goto('/')
    await page.getByRole('main').getByRole('button', { name: 'Create an account' }).click()
    await page.getByRole('heading', { name: 'Create an account' }).waitFor()
    const leaks = await leakedTemplateSyntax(page)

    await page.getByLabel('Full name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await screenshot(page, 'signup-form-filled')
    await page.waitForTimeout(HUMAN_FILL_MS)
    await page.getByRole('button', { name: 'Create my account' }).click()

    await page.waitForURL('**/verify-email')
    assert.include(await page.getByRole('status').first().innerText(), email)
    await screenshot(page, 'signup-check-your-inbox')

    const mail = await smtpSink.waitFor(email)
    await page.goto(localUrl(linkIn(mail, '/verify-email/')))
    await page.waitForURL('**/login')
    assert.include(
      await page.getByRole('status').first().innerText(),
      'your email address is confirmed'
    )

    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()

    await page.waitForURL('**/dashboard')
    assert.include(
      await page.getByRole('status').first().innerText(),
      'Welcome back, Ada Lovelace.'
    )
    await screenshot(page, 'signup-dashboard')
    leaks.push(...(await leakedTemplateSyntax(page)))
    assert.deepEqual(leaks, [], 'template syntax shown as text')
  })

  test('a form with mistakes shows each error next to its field and keeps the input ({$self})')
    .with(['light', 'dark'] as const)
    .run(async ({ assert }, colorScheme) => {
      const page = await browser.newPage({ colorScheme })
      await page.goto('/register')

      await page.getByLabel('Full name').fill('Grace Hopper')
      await page.getByLabel('Email').fill('not-an-address')
      await page.getByLabel('Password', { exact: true }).fill('short')
      await page.waitForTimeout(HUMAN_FILL_MS)
      await page.getByRole('button', { name: 'Create my account' }).click()
      await page.getByRole('heading', { name: 'Create an account' }).waitFor()

      const emailField = page.getByLabel('Email')
      assert.equal(await emailField.getAttribute('aria-invalid'), 'true')
      const emailErrorIds = await emailField.getAttribute('aria-describedby')
      const emailError = page.locator(`#${emailErrorIds?.split(' ')[0]}`)
      const message = await emailError.innerText()
      assert.isNotEmpty(message.trim())
      assert.equal(await page.getByLabel('Full name').inputValue(), 'Grace Hopper')
      assert.equal(await emailField.inputValue(), 'not-an-address')
      assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '')
      assert.equal(
        await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'),
        'true'
      )
      await screenshot(page, `signup-errors-${colorScheme}`)
    })
})
