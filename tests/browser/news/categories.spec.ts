import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import PostCategory from '#models/post_category'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('News categories in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('an editor whose form is refused sees it in that form only, and saving another form keeps its category', async ({
    assert,
  }) => {
    const suffix = Date.now().toString(36)
    const walks = await PostCategory.create({
      name: `Walks ${suffix}`,
      slug: `walks-${suffix}`,
      description: 'Every other Sunday.',
      position: 900,
    })
    const talks = await PostCategory.create({
      name: `Talks ${suffix}`,
      slug: `talks-${suffix}`,
      description: 'Evenings at the library.',
      position: 901,
    })
    const editor = await UserFactory.apply('board')
      .merge({ email: uniqueEmail('categories-editor') })
      .create()

    const page = await browser.newPage()
    await logIn(page, editor.email)
    await page.goto('/news/manage/categories')
    await page.getByRole('heading', { name: 'News categories', level: 1 }).waitFor()

    const adding = page.getByRole('region', { name: 'Add a category' })
    const field = (category: PostCategory, name: string) =>
      page.locator(`#category-${category.id}-${name}`)
    const assertShowsSaved = async (category: PostCategory) => {
      assert.equal(await field(category, 'name').inputValue(), category.name)
      assert.equal(await field(category, 'description').inputValue(), category.description)
      assert.isNull(await field(category, 'name').getAttribute('aria-invalid'))
    }

    // Spaces pass the browser's own check; the server refuses them.
    await adding.getByLabel('Name').fill('   ')
    await adding.getByLabel('Description').fill('Typed for the new one.')
    await adding.getByRole('button', { name: 'Add the category' }).click()
    await adding.locator('.field-error').waitFor()

    assert.equal(
      await adding.locator('#field-name-error').innerText(),
      'Please fill in this field.'
    )
    assert.equal(await adding.getByLabel('Description').inputValue(), 'Typed for the new one.')
    await assertShowsSaved(walks)
    await assertShowsSaved(talks)
    assert.equal(await page.locator('.field-error').count(), 1, 'one message, in the add form')
    await adding.scrollIntoViewIfNeeded()
    await screenshot(page, 'news-categories-refused-add')

    // A refused edit of one category shows in its form only.
    await field(walks, 'name').fill('  ')
    await field(walks, 'description').fill('Typed for walks.')
    await page.getByRole('button', { name: `Save ${walks.name}` }).click()
    await page.locator(`#category-${walks.id}-name-error`).waitFor()

    assert.equal(
      await page.locator(`#category-${walks.id}-name-error`).innerText(),
      'Please fill in this field.'
    )
    assert.equal(await field(walks, 'description').inputValue(), 'Typed for walks.')
    await assertShowsSaved(talks)
    assert.equal(await adding.getByLabel('Name').inputValue(), '')
    assert.equal(await adding.getByLabel('Description').inputValue(), '')
    assert.equal(await page.locator('.field-error').count(), 1, 'one message, in that form')
    await field(walks, 'name').scrollIntoViewIfNeeded()
    await screenshot(page, 'news-categories-refused-edit')

    // Saving the other category right after keeps both as they were meant to be.
    await field(talks, 'description').fill('Evenings at the town library.')
    await page.getByRole('button', { name: `Save ${talks.name}` }).click()
    await page.getByText('The category was saved.').waitFor()
    assert.deepEqual(await leakedTemplateSyntax(page), [])

    await talks.refresh()
    await walks.refresh()
    assert.equal(talks.name, `Talks ${suffix}`)
    assert.equal(talks.description, 'Evenings at the town library.')
    assert.equal(walks.name, `Walks ${suffix}`, 'the refused edit saved nothing')
    assert.equal(walks.description, 'Every other Sunday.')
    await assertShowsSaved(walks)
    await assertShowsSaved(talks)
  })
})
