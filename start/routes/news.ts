import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

/*
 * News: reading (public pages and feeds, served to visitors from the news page cache, see
 * app/services/news/news_cache.ts), writing and review under /news/manage, members' email choices, and the
 * one-click unsubscribe that works without signing in.
 */
const slug = { match: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, cast: (value: string) => value }

router
  .group(() => {
    router.get('/news', [controllers.news.Posts, 'index']).as('news.index')
    router.get('/news/feed.rss', [controllers.news.Feeds, 'rss']).as('news_feeds.rss')
    router.get('/news/feed.atom', [controllers.news.Feeds, 'atom']).as('news_feeds.atom')
    router
      .get('/news/categories/:slug', [controllers.news.Posts, 'category'])
      .as('news.category')
      .where('slug', slug)
    router
      .get('/news/categories/:slug/feed.rss', [controllers.news.Feeds, 'categoryRss'])
      .as('news_feeds.category_rss')
      .where('slug', slug)
    router
      .get('/news/categories/:slug/feed.atom', [controllers.news.Feeds, 'categoryAtom'])
      .as('news_feeds.category_atom')
      .where('slug', slug)
    router
      .get('/news/tags/:slug', [controllers.news.Posts, 'tag'])
      .as('news.tag')
      .where('slug', slug)
    router
      .get('/news/posts/:id', [controllers.news.Posts, 'byId'])
      .as('news.by_id')
      .where('id', router.matchers.number())
    router
      .get('/news/images/:id/:width', [controllers.news.Images, 'show'])
      .as('news_images.show')
      .where('id', router.matchers.number())
      .where('width', router.matchers.number())
  })
  // A cached page costs less than counting it against the rate limit, so hits skip the limiter.
  .use([middleware.newsPageCache(), globalThrottle])

router
  .get('/news/unsubscribe/:token', [controllers.news.Unsubscribe, 'show'])
  .as('news_unsubscribe.show')
  .use(globalThrottle)
router
  .post('/news/unsubscribe/:token', [controllers.news.Unsubscribe, 'store'])
  .as('news_unsubscribe.store')
  .use(globalThrottle)

router
  .group(() => {
    router.get('/news/manage', [controllers.news.Manage, 'index']).as('news_manage.index')
    router.get('/news/manage/new', [controllers.news.EditorPosts, 'create']).as('news_posts.create')
    router.post('/news/manage', [controllers.news.EditorPosts, 'store']).as('news_posts.store')
    router
      .post('/news/manage/preview', [controllers.news.EditorPosts, 'preview'])
      .as('news_posts.preview')
    router
      .get('/news/manage/categories', [controllers.news.Categories, 'index'])
      .as('news_categories.index')
    router
      .post('/news/manage/categories', [controllers.news.Categories, 'store'])
      .as('news_categories.store')
    router
      .put('/news/manage/categories/:id', [controllers.news.Categories, 'update'])
      .as('news_categories.update')
      .where('id', router.matchers.number())
    router
      .delete('/news/manage/categories/:id', [controllers.news.Categories, 'destroy'])
      .as('news_categories.destroy')
      .where('id', router.matchers.number())
    router.get('/news/manage/authors', [controllers.news.Authors, 'index']).as('news_authors.index')
    router
      .post('/news/manage/authors', [controllers.news.Authors, 'store'])
      .as('news_authors.store')
    router
      .delete('/news/manage/authors/:id', [controllers.news.Authors, 'destroy'])
      .as('news_authors.destroy')
      .where('id', router.matchers.number())

    router
      .group(() => {
        router.get('/edit', [controllers.news.EditorPosts, 'edit']).as('news_posts.edit')
        router.put('/', [controllers.news.EditorPosts, 'update']).as('news_posts.update')
        router.delete('/', [controllers.news.EditorPosts, 'destroy']).as('news_posts.destroy')
        router
          .delete('/image', [controllers.news.EditorPosts, 'destroyImage'])
          .as('news_posts.destroy_image')
        router.post('/submit', [controllers.news.Reviews, 'submit']).as('news_reviews.submit')
        router.post('/publish', [controllers.news.Reviews, 'publish']).as('news_reviews.publish')
        router.post('/return', [controllers.news.Reviews, 'return']).as('news_reviews.return')
        router.post('/archive', [controllers.news.Reviews, 'archive']).as('news_reviews.archive')
        router.post('/pin', [controllers.news.Reviews, 'pin']).as('news_reviews.pin')
      })
      .prefix('/news/manage/:id')
      .where('id', router.matchers.number())

    router
      .get('/account/notifications', [controllers.news.Notifications, 'edit'])
      .as('news_notifications.edit')
    router
      .put('/account/notifications', [controllers.news.Notifications, 'update'])
      .as('news_notifications.update')
  })
  .use([globalThrottle, middleware.auth(), middleware.verified()])

// Last, so the fixed /news/... paths above win over a post's slug.
router
  .get('/news/:slug', [controllers.news.Posts, 'show'])
  .as('news.show')
  .where('slug', slug)
  .use([middleware.newsPageCache(), globalThrottle])
