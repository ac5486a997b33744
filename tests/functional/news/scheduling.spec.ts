import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Parser from 'rss-parser'
import { UserFactory } from '#database/factories/user_factory'
import Post from '#models/post'
import AnnounceDuePosts from '#jobs/news/announce_due_posts'
import { expectStatus, isolateNews, makeCategory, textOf } from '#tests/functional/news/helpers'

const parser = new Parser()

test.group('News / scheduled publishing', (group) => {
  isolateNews(group)

  test('a scheduled post is invisible everywhere before its time, even to signed-in members', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').merge({ timezone: 'UTC' }).create()
    const member = await UserFactory.create()
    const post = await Post.create({
      title: "Tomorrow's announcement",
      slug: 'tomorrows-announcement',
      bodySource: 'Soon.',
      bodyHtml: '<p>Soon.</p>',
      visibility: 'public',
      status: 'submitted',
      pinned: false,
      categoryId: category.id,
      viewCount: 0,
    })
    const at = DateTime.utc().plus({ hours: 2 }).startOf('minute')
    const response = await client
      .post(`/news/manage/${post.id}/publish`)
      .form({ publishAt: at.toFormat("yyyy-LL-dd'T'HH:mm") })
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', 'The post is scheduled.')
    await post.refresh()
    assert.equal(post.publishedAt!.toMillis(), at.toMillis())
    assert.isTrue(post.isScheduled)

    for (const reader of [null, member]) {
      const list = client.get('/news')
      const page = client.get(`/news/${post.slug}`)
      const search = client.get('/news').qs({ q: 'announcement' })
      const categoryPage = client.get(`/news/categories/${category.slug}`)
      if (reader) {
        list.loginAs(reader)
        page.loginAs(reader)
        search.loginAs(reader)
        categoryPage.loginAs(reader)
      }
      assert.notInclude(await textOf(list), 'Tomorrow')
      assert.notInclude(await textOf(search), 'Tomorrow')
      assert.notInclude(await textOf(categoryPage), 'Tomorrow')
      await expectStatus(page, 404)
    }
    for (const path of [
      '/news/feed.rss',
      '/news/feed.atom',
      `/news/categories/${category.slug}/feed.rss`,
    ]) {
      const feed = await parser.parseString(await textOf(client.get(path)))
      assert.lengthOf(feed.items, 0, path)
    }
    // The editor can look at it before it goes out.
    await expectStatus(client.get(`/news/${post.slug}`).loginAs(editor), 200)

    // The job does nothing before the time.
    await AnnounceDuePosts.dispatch({})
    await post.refresh()
    assert.isNull(post.announcedAt)
  })

  test('once its time has come the job announces it, and it appears on pages and feeds', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const post = await Post.create({
      title: 'Now published',
      slug: 'now-published',
      bodySource: 'Here.',
      bodyHtml: '<p>Here.</p>',
      visibility: 'public',
      status: 'published',
      publishedAt: DateTime.utc().plus({ hours: 1 }),
      pinned: false,
      categoryId: category.id,
      viewCount: 0,
    })
    await expectStatus(client.get('/news/now-published'), 404)
    assert.notInclude(await textOf(client.get('/news')), 'Now published')

    // Time passes: the publication time is now in the past.
    post.publishedAt = DateTime.utc().minus({ minutes: 1 })
    await post.save()
    await AnnounceDuePosts.dispatch({})
    await post.refresh()
    assert.isNotNull(post.announcedAt)

    await expectStatus(client.get('/news/now-published'), 200)
    assert.include(await textOf(client.get('/news')), 'Now published')
    const feed = await parser.parseString(await textOf(client.get('/news/feed.rss')))
    assert.deepEqual(
      feed.items.map((item) => item.title),
      ['Now published']
    )
  })
})
