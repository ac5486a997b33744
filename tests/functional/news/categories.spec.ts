import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import type PostCategory from '#models/post_category'
import { formOf, refusedAndShownAgain } from '#tests/helpers/forms'
import { isolateNews, makeCategory } from '#tests/functional/news/helpers'

const PAGE = '/news/manage/categories'

function editAction(category: PostCategory) {
  return `${PAGE}/${category.id}?_method=PUT`
}

test.group('News / categories page', (group) => {
  isolateNews(group)

  async function setUp() {
    const editor = await UserFactory.apply('board').create()
    const walks = await makeCategory('Walks')
    walks.description = 'Every other Sunday.'
    await walks.save()
    const talks = await makeCategory('Talks')
    talks.description = 'Evenings at the library.'
    await talks.save()
    return { editor, walks, talks }
  }

  test('a refused new category is shown in the add form only; the edit forms keep their saved values', async ({
    client,
    assert,
  }) => {
    const { editor, walks, talks } = await setUp()

    const html = await refusedAndShownAgain(client, {
      user: editor,
      page: PAGE,
      action: PAGE,
      typed: { name: '', description: 'Typed for the new one.' },
    })

    const added = formOf(html, PAGE)
    assert.equal(added.value('description'), 'Typed for the new one.', 'the input is kept')
    assert.equal(added.errorOf('name'), 'Please fill in this field.')
    for (const category of [walks, talks]) {
      const edit = formOf(html, editAction(category))
      assert.equal(edit.value('name'), category.name)
      assert.equal(edit.value('description'), category.description)
      assert.deepEqual(edit.errors(), [], `no message in the form of ${category.name}`)
    }
  })

  test('a refused edit is shown in that category form only; the others and the add form are untouched', async ({
    client,
    assert,
  }) => {
    const { editor, walks, talks } = await setUp()

    const html = await refusedAndShownAgain(client, {
      user: editor,
      page: PAGE,
      action: editAction(walks),
      typed: { name: '', position: String(walks.position), description: 'Typed for walks.' },
    })

    const edited = formOf(html, editAction(walks))
    assert.equal(edited.value('description'), 'Typed for walks.', 'the input is kept')
    assert.equal(edited.errorOf('name'), 'Please fill in this field.')
    const other = formOf(html, editAction(talks))
    assert.equal(other.value('name'), 'Talks')
    assert.equal(other.value('description'), 'Evenings at the library.')
    assert.deepEqual(other.errors(), [])
    const added = formOf(html, PAGE)
    assert.isUndefined(added.value('name'))
    assert.isUndefined(added.value('description'))
    assert.deepEqual(added.errors(), [])
    await walks.refresh()
    assert.equal(walks.name, 'Walks', 'nothing was saved')
  })
})
