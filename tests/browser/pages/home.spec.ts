import { test } from '@japa/runner'
import { BrowserSession, leakedTemplateSyntax, screenshot } from '#tests/helpers/browser'

test.group('Home page in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a visitor finds the way to sign up and to log in ({$self})')
    .with(['light', 'dark'] as const)
    .run(async ({ assert }, colorScheme) => {
      const page = await browser.newPage({ colorScheme })
      const response = await page.goto('/')
      assert.equal(response?.status(), 200)

      const main = page.getByRole('main')
      await main.getByRole('heading', { level: 1 }).waitFor()
      // The calls to action are links styled as buttons (role="button").
      assert.isTrue(await main.getByRole('button', { name: 'Create an account' }).isVisible())
      assert.isTrue(await main.getByRole('button', { name: 'Log in' }).isVisible())
      const navigation = page.getByRole('navigation', { name: 'Main' })
      assert.isTrue(await navigation.getByRole('link', { name: 'Log in' }).isVisible())
      assert.isTrue(await navigation.getByRole('button', { name: 'Join' }).isVisible())
      await screenshot(page, `home-${colorScheme}`)
      assert.deepEqual(await leakedTemplateSyntax(page), [], 'template syntax shown as text')
    })
})
