import { test } from '@japa/runner'
import Membership from '#models/membership'
import MembershipApplication from '#models/membership_application'
import MembershipType from '#models/membership_type'
import MemberProfile from '#models/member_profile'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('Membership in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('a user applies, a board member approves, the new member is in the directory', async ({
    assert,
    cleanup,
  }) => {
    const stamp = Date.now().toString(36)
    const typeName = `Regular ${stamp}`
    const type = await MembershipType.create({
      name: typeName,
      slug: `regular-${stamp}`,
      feeAmount: 6000,
      currency: 'EUR',
      durationMonths: 12,
      graceDays: 30,
      requiresApproval: true,
      seats: 0,
      isActive: true,
      position: 99,
    })
    const applicant = await UserFactory.apply('nonMember')
      .merge({
        email: uniqueEmail('members-applicant'),
        fullName: `Hilde Visser ${stamp}`,
        profileVisibility: 'members',
      })
      .create()
    const board = await UserFactory.apply('board')
      .merge({ email: uniqueEmail('members-board'), fullName: 'Rajesh Iyer' })
      .create()
    cleanup(async () => {
      await MembershipApplication.query().where('user_id', applicant.id).delete()
      await Membership.query().where('user_id', applicant.id).delete()
      await MemberProfile.query().where('user_id', applicant.id).delete()
      await User.query().whereIn('id', [applicant.id, board.id]).delete()
      await MembershipType.query().where('id', type.id).delete()
    })

    // The applicant finds the way from the navigation and applies.
    const page = await browser.newPage()
    await logIn(page, applicant.email)
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Membership' })
      .click()
    await page.getByRole('button', { name: 'Apply for membership' }).click()
    await page.getByRole('heading', { name: 'Apply for membership', level: 1 }).waitFor()
    await page.getByRole('radio', { name: new RegExp(typeName) }).check()
    await page.getByLabel('Institution').fill('Leiden University')
    await page.getByLabel('Position').fill('Postdoctoral researcher')
    await page.getByLabel('Field', { exact: true }).fill(`Guild charters ${stamp}`)
    await page.getByLabel('ORCID iD').fill('0000-0002-1825-0097')
    await page.getByLabel('Country code').fill('NL')
    await page
      .getByLabel('Why do you want to join?')
      .fill('I work on the guild charters of Holland and want to meet other historians.')
    await page.getByLabel(/I accept the privacy policy/).check()
    await screenshot(page, 'members-apply-form')
    await page.getByRole('button', { name: 'Send my application' }).click()
    await page.getByText('your application is with the board').waitFor()
    assert.deepEqual(await leakedTemplateSyntax(page), [])
    await screenshot(page, 'members-applied')

    // A board member decides from the queue.
    const boardPage = await browser.newPage()
    await logIn(boardPage, board.email)
    await boardPage.goto('/admin/applications')
    await boardPage.getByRole('link', { name: applicant.fullName }).click()
    await boardPage.getByRole('heading', { name: `Application of ${applicant.fullName}` }).waitFor()
    await screenshot(boardPage, 'members-application-review')
    await boardPage.getByRole('button', { name: 'Approve' }).click()
    await boardPage.getByText(/Approved: member number \d{4}-\d{4}/).waitFor()
    assert.deepEqual(await leakedTemplateSyntax(boardPage), [])

    // The new member is listed in the directory, found by the field they gave.
    await boardPage.goto('/members')
    await boardPage
      .getByLabel('Search by name, institution, field or interests')
      .fill(`Guild charters ${stamp}`)
    await boardPage.getByRole('button', { name: 'Search' }).click()
    await boardPage.getByRole('list', { name: 'Members' }).getByText(applicant.fullName).waitFor()
    await screenshot(boardPage, 'members-directory-new-member')
    await boardPage
      .getByRole('list', { name: 'Members' })
      .getByRole('link', { name: applicant.fullName })
      .click()
    await boardPage.getByRole('heading', { name: applicant.fullName, level: 1 }).waitFor()
    assert.equal(new URL(boardPage.url()).pathname, `/members/${applicant.id}`)

    // The board finds the new member in the admin list and on the statistics page.
    await boardPage.goto('/admin/members')
    await boardPage.getByLabel('Name, email or number').fill(applicant.fullName)
    await boardPage.getByRole('button', { name: 'Filter' }).click()
    await boardPage.getByRole('link', { name: applicant.fullName }).click()
    await boardPage.getByRole('heading', { name: applicant.fullName, level: 1 }).waitFor()
    assert.equal(await boardPage.locator('[data-field="status"]').innerText(), 'active')
    await screenshot(boardPage, 'members-admin-file')
    await boardPage.goto('/admin/members/statistics')
    await boardPage.getByRole('heading', { name: 'Membership statistics' }).waitFor()
    assert.deepEqual(await leakedTemplateSyntax(boardPage), [])
    await screenshot(boardPage, 'members-statistics')

    // And the member sees it on their own page.
    await page.goto('/membership')
    await page.getByText('active', { exact: true }).waitFor()
    assert.match(await page.locator('[data-field="member-number"]').innerText(), /^\d{4}-\d{4}$/)
  })
})
