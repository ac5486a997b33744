import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import Folder from '#models/folder'
import DocumentVersion from '#models/document_version'
import { UserFactory } from '#database/factories/user_factory'
import { simplePdf } from '#services/documents/simple_pdf'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

/** The minutes as a member picks them from their disk, a PDF showing `lines`. */
function minutes(...lines: string[]) {
  return { name: 'agm-minutes.pdf', mimeType: 'application/pdf', buffer: simplePdf(lines) }
}

test.group('The document library in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a board member files a PDF and a new version; a member downloads it; a visitor cannot', async ({
    assert,
    cleanup,
  }) => {
    const board = await UserFactory.apply('board')
      .merge({ email: uniqueEmail('documents-board'), fullName: 'Rajesh Iyer' })
      .create()
    const member = await UserFactory.merge({ email: uniqueEmail('documents-member') }).create()
    const folderName = `Minutes ${Date.now()}`
    cleanup(async () => {
      const folder = await Folder.findBy('name', folderName)
      if (!folder) return
      const versions = await DocumentVersion.query()
        .join('documents', 'documents.id', 'document_versions.document_id')
        .where('documents.folder_id', folder.id)
        .select('document_versions.drive_key')
      await Promise.all(versions.map((version) => drive.use().delete(version.driveKey)))
    })

    const page = await browser.newPage()
    await logIn(page, board.email)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Documents' })
      .click()
    await page.getByRole('heading', { name: 'Documents', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'New folder' }).click()
    await page.getByLabel('Name').fill(folderName)
    await page.getByLabel('Who may see it').selectOption('members')
    await page.getByRole('button', { name: 'Create the folder' }).click()
    await page.getByRole('heading', { name: folderName, level: 1 }).waitFor()

    await page.getByRole('button', { name: 'Upload a document' }).click()
    await page.getByLabel('File').setInputFiles(minutes('AGM minutes', 'Draft'))
    await page.getByLabel('Title').fill('AGM minutes')
    await page.getByLabel('Tags (optional)').fill('minutes, agm')
    await page.getByRole('button', { name: 'Upload', exact: true }).click()
    await page.getByRole('heading', { name: 'AGM minutes', level: 1 }).waitFor()
    assert.equal(
      await page.getByRole('status').first().innerText(),
      '"AGM minutes" was added to the library.'
    )
    await screenshot(page, 'documents-uploaded')

    await page.getByLabel('File').setInputFiles(minutes('AGM minutes', 'Approved'))
    await page.getByLabel('What changed (optional)').fill('Approved by the meeting')
    await page.getByRole('button', { name: 'Upload the new version' }).click()
    await page.getByText('Version 2 is now the current one.').waitFor()
    const versions = page.getByRole('table').filter({ hasText: 'SHA-256' })
    assert.equal(await versions.locator('tbody tr').count(), 2)
    assert.isTrue(await page.getByText('Approved by the meeting').isVisible())
    const documentUrl = page.url()
    await screenshot(page, 'documents-versions')
    assert.deepEqual(await leakedTemplateSyntax(page), [], 'template syntax shown as text')

    const memberPage = await browser.newPage()
    await logIn(memberPage, member.email)
    await memberPage.goto(documentUrl)
    await memberPage.getByRole('heading', { name: 'AGM minutes', level: 1 }).waitFor()
    assert.isFalse(await memberPage.getByText('Upload a new version').isVisible())
    const [download] = await Promise.all([
      memberPage.waitForEvent('download'),
      memberPage.getByRole('button', { name: 'Download agm-minutes.pdf' }).click(),
    ])
    assert.equal(download.suggestedFilename(), 'agm-minutes.pdf')
    const saved = await readFile((await download.path())!)
    assert.equal(saved.subarray(0, 8).toString('latin1'), '%PDF-1.4')
    assert.include(saved.toString('latin1'), 'Approved')
    await screenshot(memberPage, 'documents-member')

    const visitor = await browser.newPage()
    const visitorPage = await visitor.goto(documentUrl)
    assert.equal(visitorPage?.status(), 404)
    const direct = await visitor.request.get(`${documentUrl}/download`)
    assert.equal(direct.status(), 404)
    assert.notInclude(await direct.text(), '%PDF')
    await visitor.goto('/documents')
    assert.isFalse(await visitor.getByText('AGM minutes').isVisible())
    await screenshot(visitor, 'documents-visitor')
  })
})
