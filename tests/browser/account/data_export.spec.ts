import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { unzipSync, strFromU8 } from 'fflate'
import { UserFactory } from '#database/factories/user_factory'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import {
  BrowserSession,
  leakedTemplateSyntax,
  localUrl,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('Downloading my data in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a member asks for their data, then downloads the archive from the page and the mail', async ({
    assert,
  }) => {
    const user = await UserFactory.merge({
      email: uniqueEmail('export'),
      fullName: 'Ada Lovelace',
      timezone: 'Europe/Paris',
    }).create()
    const page = await browser.newPage()
    await logIn(page, user.email)

    await page.goto('/account/privacy')
    await page.getByRole('button', { name: 'Prepare my data' }).click()
    await page.waitForURL('**/account/privacy')
    assert.equal(
      await page.getByRole('status').first().innerText(),
      'Your archive is being prepared. We will email you a link to download it when it is ready.'
    )

    // The test server runs jobs inline: the archive is ready by the time the page is back.
    const archives = page.getByRole('list', { name: 'Your archives' })
    const link = archives.getByRole('link', { name: /^Archive of / })
    await link.waitFor()
    assert.include(await archives.innerText(), 'available until')
    await screenshot(page, 'data-export-ready')
    assert.deepEqual(await leakedTemplateSyntax(page), [], 'template syntax shown as text')

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    assert.match(download.suggestedFilename(), /^guildhall-data-\d+-\d{8}\.zip$/)
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)))
    assert.equal(JSON.parse(strFromU8(entries['account.json'])).fullName, 'Ada Lovelace')

    const mail = await smtpSink.waitFor(
      user.email,
      (message) => message.subject === 'Your data is ready to download'
    )
    const [fromMail] = await Promise.all([
      page.waitForEvent('download'),
      page.goto(localUrl(linkIn(mail, '/account/export/'))).catch(() => null),
    ])
    assert.equal(fromMail.suggestedFilename(), download.suggestedFilename())
  })
})
