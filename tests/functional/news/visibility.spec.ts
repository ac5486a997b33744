import { test } from '@japa/runner'
import Parser from 'rss-parser'
import { UserFactory } from '#database/factories/user_factory'
import { expectStatus, isolateNews, makeCategory, makePost } from '#tests/functional/news/helpers'

const parser = new Parser()

function refuse(response: { text(): string }, text: string) {
  if (response.text().includes(text)) throw new Error(`the page shows "${text}"`)
}

test.group('News / visibility per role', (group) => {
  isolateNews(group)

  async function threePosts() {
    const category = await makeCategory('General')
    return {
      category,
      publicPost: await makePost({ title: 'Open day for everyone', category }),
      membersPost: await makePost({
        title: 'Members subscription news',
        visibility: 'members',
        category,
      }),
      boardPost: await makePost({
        title: 'Board budget discussion',
        visibility: 'board',
        category,
      }),
      draft: await makePost({ title: 'Unfinished draft text', status: 'draft', category }),
    }
  }

  test('a visitor sees only public posts in the list and on pages', async ({ client }) => {
    const posts = await threePosts()
    const list = await client.get('/news')
    list.assertStatus(200)
    list.assertTextIncludes('Open day for everyone')
    for (const hidden of [
      'Members subscription news',
      'Board budget discussion',
      'Unfinished draft text',
    ]) {
      refuse(list, hidden)
    }
    await expectStatus(client.get(`/news/${posts.publicPost.slug}`), 200)
    await expectStatus(client.get(`/news/${posts.membersPost.slug}`), 404)
    await expectStatus(client.get(`/news/${posts.boardPost.slug}`), 404)
    await expectStatus(client.get(`/news/${posts.draft.slug}`), 404)
  })

  test('a signed-in non-member sees only public posts', async ({ client }) => {
    const posts = await threePosts()
    const user = await UserFactory.apply('nonMember').create()
    const list = await client.get('/news').loginAs(user)
    list.assertTextIncludes('Open day for everyone')
    refuse(list, 'Members subscription news')
    await expectStatus(client.get(`/news/${posts.membersPost.slug}`).loginAs(user), 404)
  })

  test('a member sees members posts but not board posts or drafts', async ({ client }) => {
    const posts = await threePosts()
    const member = await UserFactory.create()
    const list = await client.get('/news').loginAs(member)
    list.assertTextIncludes('Open day for everyone')
    list.assertTextIncludes('Members subscription news')
    refuse(list, 'Board budget discussion')
    refuse(list, 'Unfinished draft text')
    await expectStatus(client.get(`/news/${posts.membersPost.slug}`).loginAs(member), 200)
    await expectStatus(client.get(`/news/${posts.boardPost.slug}`).loginAs(member), 404)
    await expectStatus(client.get(`/news/${posts.draft.slug}`).loginAs(member), 404)
  })

  test('an unverified member is treated as a visitor', async ({ client }) => {
    const posts = await threePosts()
    const member = await UserFactory.apply('unverified').create()
    await expectStatus(client.get(`/news/${posts.membersPost.slug}`).loginAs(member), 404)
  })

  test('the board sees every published post', async ({ client }) => {
    const posts = await threePosts()
    const board = await UserFactory.apply('board').create()
    const list = await client.get('/news').loginAs(board)
    list.assertTextIncludes('Members subscription news')
    list.assertTextIncludes('Board budget discussion')
    await expectStatus(client.get(`/news/${posts.boardPost.slug}`).loginAs(board), 200)
  })

  test('search takes % and _ literally and ignores case', async ({ client }) => {
    const category = await makeCategory('Offers')
    await makePost({ title: 'Members get 50% off the gala', category })
    await makePost({ title: 'Members get 500 chairs', category })
    await makePost({ title: 'A snake_case guide', category })
    await makePost({ title: 'A snakeXcase guide', category })

    const percent = await client.get('/news').qs({ q: '50%' })
    percent.assertTextIncludes('Members get 50% off the gala')
    refuse(percent, 'Members get 500 chairs')
    const underscore = await client.get('/news').qs({ q: 'SNAKE_CASE' })
    underscore.assertTextIncludes('A snake_case guide')
    refuse(underscore, 'A snakeXcase guide')
  })

  test('a search without results says that nothing matches, not that there are no posts', async ({
    client,
  }) => {
    const category = await makeCategory('Offers')
    await makePost({ title: 'Open day for everyone', category })

    const none = await client.get('/news').qs({ q: 'regatta' })
    none.assertTextIncludes('No posts match “regatta”.')
    refuse(none, 'No posts yet.')
    refuse(none, '0 posts match')

    const one = await client.get('/news').qs({ q: 'open day' })
    one.assertTextIncludes('1 post matches “open day”.')
    one.assertTextIncludes('Open day for everyone')

    const emptyCategory = await makeCategory('Empty')
    const empty = await client.get(`/news/categories/${emptyCategory.slug}`)
    empty.assertTextIncludes('No posts yet.')
    refuse(empty, 'No posts match')
  })

  test('search and category pages follow the same rule', async ({ client }) => {
    const posts = await threePosts()
    const search = await client.get('/news').qs({ q: 'subscription' })
    refuse(search, 'Members subscription news')
    const member = await UserFactory.create()
    const memberSearch = await client.get('/news').qs({ q: 'subscription' }).loginAs(member)
    memberSearch.assertTextIncludes('Members subscription news')
    refuse(memberSearch, 'Open day for everyone')
    const category = await client.get(`/news/categories/${posts.category.slug}`)
    category.assertTextIncludes('Open day for everyone')
    refuse(category, 'Board budget discussion')
  })

  test('feeds carry only public posts, even for a signed-in board member', async ({
    client,
    assert,
  }) => {
    const posts = await threePosts()
    const board = await UserFactory.apply('board').create()
    for (const path of [
      '/news/feed.rss',
      '/news/feed.atom',
      `/news/categories/${posts.category.slug}/feed.rss`,
      `/news/categories/${posts.category.slug}/feed.atom`,
    ]) {
      const response = await client.get(path).loginAs(board)
      response.assertStatus(200)
      const feed = await parser.parseString(response.text())
      const titles = feed.items.map((item) => item.title)
      assert.deepEqual(titles, ['Open day for everyone'], path)
    }
  })
})
