import { test } from '@japa/runner'
import Parser from 'rss-parser'
import { UserFactory } from '#database/factories/user_factory'
import Post from '#models/post'
import PostService from '#services/news/post_service'
import {
  expectStatus,
  isolateNews,
  makeCategory,
  makePost,
  textOf,
  visit,
} from '#tests/functional/news/helpers'

const parser = new Parser({ customFields: { item: ['id'] } })

test.group('News / feeds', (group) => {
  isolateNews(group)

  test('RSS 2.0 and Atom with content types, absolute links and GUIDs', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const post = await makePost({
      title: 'Towpath walk',
      summary: 'Fourteen of us.',
      category,
      body: '[Map](/news)',
    })

    const rss = await client.get('/news/feed.rss')
    rss.assertStatus(200)
    assert.equal(rss.header('content-type'), 'application/rss+xml; charset=utf-8')
    assert.include(rss.text(), '<rss version="2.0"')
    const rssFeed = await parser.parseString(rss.text())
    assert.equal(rssFeed.link, 'http://localhost:3334/news')
    const item = rssFeed.items[0]
    assert.equal(item.title, 'Towpath walk')
    assert.equal(item.link, `http://localhost:3334/news/${post.slug}`)
    assert.equal(item.guid, `http://localhost:3334/news/posts/${post.id}`)
    assert.include(
      (item as Record<string, any>)['content:encoded'] ?? '',
      'href="http://localhost:3334/news"'
    )
    assert.deepEqual(item.categories, ['Walks'])

    const atom = await client.get('/news/feed.atom')
    assert.equal(atom.header('content-type'), 'application/atom+xml; charset=utf-8')
    const atomFeed = await parser.parseString(atom.text())
    assert.equal(atomFeed.items[0].title, 'Towpath walk')
    assert.equal(atomFeed.items[0].link, `http://localhost:3334/news/${post.slug}`)
    assert.equal((atomFeed.items[0] as any).id, `http://localhost:3334/news/posts/${post.id}`)
  })

  test('a category feed holds only that category', async ({ client, assert }) => {
    const walks = await makeCategory('Walks')
    const board = await makeCategory('Board')
    await makePost({ title: 'Towpath walk', category: walks })
    await makePost({ title: 'Budget', category: board })
    const feed = await parser.parseString(
      await textOf(client.get(`/news/categories/${walks.slug}/feed.atom`))
    )
    assert.deepEqual(
      feed.items.map((entry) => entry.title),
      ['Towpath walk']
    )
    await expectStatus(client.get('/news/categories/nope/feed.rss'), 404)
  })

  test('ETag and Last-Modified answer 304 when nothing changed', async ({ client, assert }) => {
    await makePost({ title: 'Towpath walk' })
    const first = await client.get('/news/feed.rss')
    const etag = first.header('etag') ?? ''
    const lastModified = first.header('last-modified') ?? ''
    assert.match(etag, /^"[\w-]+"$/)
    assert.isNotNaN(Date.parse(lastModified))
    await expectStatus(client.get('/news/feed.rss').header('if-none-match', etag), 304)
    await expectStatus(client.get('/news/feed.rss').header('if-modified-since', lastModified), 304)
    await makePost({ title: 'Another walk' })
    await PostService.archive(
      await Post.findByOrFail('title', 'Towpath walk'),
      await UserFactory.apply('board').create()
    )
    await expectStatus(client.get('/news/feed.rss').header('if-none-match', etag), 200)
  })

  test('every page advertises the feeds', async ({ client }) => {
    for (const path of ['/', '/login', '/news']) {
      const response = await client.get(path)
      response.assertTextIncludes(
        '<link rel="alternate" type="application/rss+xml" title="Guildhall Test Society news (RSS)" href="/news/feed.rss">'
      )
      response.assertTextIncludes('type="application/atom+xml"')
    }
  })
})

test.group("News / visitors' page cache", (group) => {
  isolateNews(group)

  test('publishing and editing show at once to visitors served from the cache', async ({
    client,
    assert,
  }) => {
    const editor = await UserFactory.apply('board').create()
    const category = await makeCategory()
    const post = await makePost({ title: 'First title', category })
    assert.include(await textOf(client.get('/news')), 'First title')
    assert.include(await textOf(client.get('/news')), 'First title')

    const draft = await makePost({ title: 'Fresh news', status: 'submitted', category })
    await PostService.publish(draft, editor, null)
    assert.include(await textOf(client.get('/news')), 'Fresh news')

    await PostService.update(post, {
      title: 'Second title',
      body: 'Changed.',
      categoryId: category.id,
      visibility: 'public',
    })
    const list = await textOf(client.get('/news'))
    assert.include(list, 'Second title')
    assert.notInclude(list, 'First title')
  })

  test('a visitor without cookies is served from the cache: fresh CSP nonce, no session', async ({
    assert,
  }) => {
    await makePost({ title: 'Cached post' })
    const first = await visit('/news')
    assert.equal(first.status, 200)
    assert.isNotNull(first.headers.get('set-cookie'), 'a rendered page opens a session')
    const second = await visit('/news')
    assert.equal(second.status, 200)
    assert.include(await second.text(), 'Cached post')
    assert.isNull(second.headers.get('set-cookie'), 'a cached hit opens no session')
    assert.isNull(second.headers.get('x-ratelimit-remaining'))
    const nonceOf = (csp: string | null) => csp?.match(/'nonce-([^']+)'/)?.[1]
    const secondNonce = nonceOf(second.headers.get('content-security-policy'))
    assert.isDefined(secondNonce)
    assert.notEqual(nonceOf(first.headers.get('content-security-policy')), secondNonce)
    assert.equal(second.headers.get('x-frame-options'), 'DENY')

    const feed = await visit('/news/feed.rss')
    const etag = feed.headers.get('etag')!
    await visit('/news/feed.rss')
    const notModified = await visit('/news/feed.rss', { 'if-none-match': etag })
    assert.equal(notModified.status, 304)
  })

  test('publishing shows at once to cookie-less visitors too', async ({ assert }) => {
    const editor = await UserFactory.apply('board').create()
    await makePost({ title: 'Older news' })
    assert.notInclude(await textOf(visit('/news')), 'Fresh news')
    assert.notInclude(await textOf(visit('/news')), 'Fresh news')
    const draft = await makePost({ title: 'Fresh news', status: 'submitted' })
    await PostService.publish(draft, editor, null)
    assert.include(await textOf(visit('/news')), 'Fresh news')
  })

  test("signed-in members bypass it and never get a visitor's page", async ({ client }) => {
    const member = await UserFactory.create()
    await makePost({ title: 'Members only notice', visibility: 'members' })
    await expectStatus(client.get('/news'), 200)
    const response = await client.get('/news').loginAs(member)
    response.assertTextIncludes('Members only notice')
    response.assertTextIncludes('Log out')
  })

  test('a members page rendered for a member is never served to visitors', async ({
    client,
    assert,
  }) => {
    const member = await UserFactory.create()
    const post = await makePost({ title: 'Members only notice', visibility: 'members' })
    await expectStatus(client.get(`/news/${post.slug}`).loginAs(member), 200)
    await expectStatus(client.get('/news').loginAs(member), 200)
    await expectStatus(client.get(`/news/${post.slug}`), 404)
    assert.notInclude(await textOf(client.get('/news')), 'Members only notice')
  })

  test('views count once per visitor per day, cached or not', async ({ client, assert }) => {
    const post = await makePost({ title: 'Counted' })
    for (let i = 0; i < 3; i++) {
      await client.get(`/news/${post.slug}`).header('x-forwarded-for', '203.0.113.7')
    }
    await client.get(`/news/${post.slug}`).header('x-forwarded-for', '203.0.113.8')
    await post.refresh()
    assert.equal(post.viewCount, 2)
  })
})
