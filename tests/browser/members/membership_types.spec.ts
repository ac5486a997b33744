import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import type MembershipType from '#models/membership_type'
import { makeType } from '#tests/functional/members/fixtures'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('Membership types in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('an admin whose edit is refused sees it in that type only, and saving another type keeps both', async ({
    assert,
  }) => {
    const suffix = Date.now().toString(36)
    const student = await makeType({
      name: `Student ${suffix}`,
      description: 'Enrolled at a university.',
      position: 900,
    })
    const fellow = await makeType({
      name: `Fellow ${suffix}`,
      description: 'Elected by the board.',
      feeAmount: 12000,
      position: 901,
    })
    const admin = await UserFactory.apply('admin')
      .merge({ email: uniqueEmail('types-admin') })
      .create()

    const page = await browser.newPage()
    await logIn(page, admin.email)
    await page.goto('/admin/membership-types')
    await page.getByRole('heading', { name: 'Membership types', level: 1 }).waitFor()

    const field = (type: MembershipType, name: string) => page.locator(`#type-${type.id}-${name}`)
    const editor = (type: MembershipType) =>
      page.locator('details').filter({ has: page.getByText(`Edit ${type.name}`, { exact: true }) })

    // Spaces pass the browser's own check; the server refuses them.
    await page.getByText(`Edit ${student.name}`, { exact: true }).click()
    await field(student, 'name').fill('   ')
    await field(student, 'description').fill('Typed for students.')
    await page.getByRole('button', { name: `Save ${student.name}` }).click()
    await page.locator(`#type-${student.id}-name-error`).waitFor()

    assert.equal(
      await page.locator(`#type-${student.id}-name-error`).innerText(),
      'The name field must have at least 2 characters'
    )
    assert.equal(await field(student, 'description').inputValue(), 'Typed for students.')
    assert.isNotNull(await editor(student).getAttribute('open'), 'the refused form is open')
    assert.isNull(await editor(fellow).getAttribute('open'), 'the other form stays closed')
    assert.equal(await field(fellow, 'name').inputValue(), fellow.name)
    assert.equal(await field(fellow, 'description').inputValue(), 'Elected by the board.')
    assert.equal(await field(fellow, 'fee').inputValue(), '120')
    assert.equal(await page.locator('#field-name').inputValue(), '', 'the new type form is empty')
    assert.equal(await page.locator('.field-error').count(), 1, 'one message, in that form')
    await field(student, 'name').scrollIntoViewIfNeeded()
    await screenshot(page, 'membership-types-refused-edit')

    // Saving the other type right after keeps both as they were meant to be.
    await page.getByText(`Edit ${fellow.name}`, { exact: true }).click()
    await field(fellow, 'description').fill('Elected by the general meeting.')
    await page.getByRole('button', { name: `Save ${fellow.name}` }).click()
    await page.getByText(`Membership type “${fellow.name}” saved.`).waitFor()
    assert.deepEqual(await leakedTemplateSyntax(page), [])

    await student.refresh()
    await fellow.refresh()
    assert.equal(student.name, `Student ${suffix}`, 'the refused edit saved nothing')
    assert.equal(student.description, 'Enrolled at a university.')
    assert.equal(fellow.name, `Fellow ${suffix}`)
    assert.equal(fellow.description, 'Elected by the general meeting.')
    assert.equal(fellow.feeAmount, 12000)
    assert.equal(await field(student, 'name').inputValue(), student.name)
    assert.equal(await page.locator('.field-error').count(), 0)
  })
})
