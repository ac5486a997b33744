import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import { photo } from '#tests/fixtures/images'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('Editing the profile in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a member uploads a picture and edits the profile', async ({ assert }) => {
    const user = await UserFactory.merge({
      email: uniqueEmail('profile'),
      fullName: 'Mary Somerville',
    }).create()
    const page = await browser.newPage()
    await logIn(page, user.email)

    await page.goto('/account/profile')
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor()
    assert.isTrue(await page.getByText('You have no picture yet.').isVisible())

    await page
      .getByLabel('Upload a picture')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: await photo(320, 320) })
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.waitForURL('**/account/profile')
    assert.equal(await page.getByRole('status').first().innerText(), 'Your picture was updated.')

    const picture = page.getByRole('img', { name: 'Your current picture' })
    await picture.waitFor()
    const served = await page.request.get((await picture.getAttribute('src'))!)
    assert.equal(served.status(), 200)
    assert.equal(served.headers()['content-type'], 'image/webp')
    assert.equal(
      await picture.evaluate((image: { naturalWidth: number }) => image.naturalWidth > 0),
      true,
      'the picture decodes'
    )
    assert.isTrue(await page.getByLabel('Replace the picture').isVisible())

    await page.getByLabel('Display name').fill('Mary S.')
    await page.getByLabel('Bio').fill('Mathematician and science writer.')
    await page.getByLabel('Phone').fill('+44 20 7946 0000')
    await page.getByLabel('Time zone').selectOption('Europe/Paris')
    await page.getByLabel('Signed-in members').check()
    await page.getByRole('button', { name: 'Save the profile' }).click()
    await page.waitForURL('**/account/profile')
    await page.getByRole('status').first().waitFor()

    await page.reload()
    assert.equal(await page.getByLabel('Display name').inputValue(), 'Mary S.')
    assert.equal(await page.getByLabel('Bio').inputValue(), 'Mathematician and science writer.')
    assert.equal(await page.getByLabel('Phone').inputValue(), '+44 20 7946 0000')
    assert.equal(await page.getByLabel('Time zone').inputValue(), 'Europe/Paris')
    assert.isTrue(await page.getByLabel('Signed-in members').isChecked())
    assert.isTrue(
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Mary S.' })
        .isVisible()
    )
    await screenshot(page, 'profile-light')

    // Form controls take their colours at load time: switch the scheme, then load again.
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.reload()
    await screenshot(page, 'profile-dark')
    assert.deepEqual(await leakedTemplateSyntax(page), [], 'template syntax shown as text')
  })

  test('a file that is not an image is refused next to the upload field', async ({ assert }) => {
    const user = await UserFactory.merge({ email: uniqueEmail('profile-bad') }).create()
    const page = await browser.newPage()
    await logIn(page, user.email)

    await page.goto('/account/profile')
    await page.getByLabel('Upload a picture').setInputFiles({
      name: 'not-an-image.png',
      mimeType: 'image/png',
      buffer: Buffer.from('this is plain text, not a picture'),
    })
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.getByRole('heading', { name: 'Your profile', level: 1 }).waitFor()

    const field = page.getByLabel('Upload a picture')
    assert.equal(await field.getAttribute('aria-invalid'), 'true')
    const errorIds = await field.getAttribute('aria-describedby')
    const error = page.locator(`#${errorIds?.split(' ')[0]}`)
    assert.equal(await error.innerText(), 'The file is not a PNG, JPEG, WebP or GIF image.')
    assert.isFalse(await page.getByRole('img', { name: 'Your current picture' }).isVisible())
    await screenshot(page, 'profile-upload-refused')
  })
})
