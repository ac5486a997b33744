import { createHash } from 'node:crypto'
import { Feed } from 'feed'
import { association } from '#config/app'
import Post from '#models/post'
import type PostCategory from '#models/post_category'
import { newsLinks } from '#services/news/news_links'

const FEED_SIZE = 30

export interface BuiltFeed {
  body: string
  etag: string
  lastModified: Date
}

/**
 * RSS 2.0 and Atom 1.0 of the public posts (overall or one category). Feeds are read by
 * anyone, so they use the visitors' view (`visibleTo(null)`) whatever the request's session.
 */
export default class FeedService {
  static async build(format: 'rss' | 'atom', category: PostCategory | null): Promise<BuiltFeed> {
    const query = Post.query()
      .withScopes((scopes) => scopes.visibleTo(null))
      .preload('category')
      .preload('author')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(FEED_SIZE)
    if (category) query.where('category_id', category.id)
    const posts = await query

    const suffix = category ? `/categories/${category.slug}` : ''
    const home = category ? newsLinks.category(category.slug) : newsLinks.index()
    const lastModified = posts.reduce((latest, post) => {
      const changed = (post.updatedAt ?? post.publishedAt!).toJSDate()
      const published = post.publishedAt!.toJSDate()
      const candidate = changed > published ? changed : published
      return candidate > latest ? candidate : latest
    }, new Date(0))
    lastModified.setMilliseconds(0)

    const feed = new Feed({
      id: home,
      title: category ? `${association.name} · ${category.name}` : `${association.name} news`,
      description: category?.description ?? `News from ${association.name}`,
      link: home,
      language: 'en',
      updated: posts.length > 0 ? lastModified : undefined,
      generator: 'Guildhall',
      copyright: `© ${association.name}`,
      feedLinks: {
        rss: newsLinks.absolute(`/news${suffix}/feed.rss`),
        atom: newsLinks.absolute(`/news${suffix}/feed.atom`),
      },
    })
    for (const post of posts) {
      const url = newsLinks.post(post.slug)
      feed.addItem({
        title: post.title,
        id: newsLinks.absolute(`/news/posts/${post.id}`),
        guid: newsLinks.absolute(`/news/posts/${post.id}`),
        link: url,
        date: (post.updatedAt ?? post.publishedAt!).toJSDate(),
        published: post.publishedAt!.toJSDate(),
        description: post.summary ?? undefined,
        content: FeedService.#absolutize(post.bodyHtml),
        category: post.category ? [{ name: post.category.name }] : undefined,
        author: [{ name: post.author?.name ?? association.name }],
      })
    }
    const body = format === 'rss' ? feed.rss2() : feed.atom1()
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    return { body, etag, lastModified }
  }

  /** Feed readers resolve links against nothing: make site paths absolute. */
  static #absolutize(html: string) {
    return html.replace(
      /(href|src)="\/(?!\/)/g,
      (_match, attr) => `${attr}="${newsLinks.absolute('/')}`
    )
  }
}
