import db from '@adonisjs/lucid/services/db'
import Post from '#models/post'
import digestSections from '#services/news/digest_sections'
import { newsLinks } from '#services/news/news_links'

/*
 * The news part of the weekly digest: posts published since the last digest, in the
 * categories the member chose the digest for, that the member may read.
 */
digestSections.register({
  name: 'news',
  title: 'New posts',
  async collect(user, since) {
    const categoryIds = await db
      .from('news_subscriptions')
      .where({ user_id: user.id, mode: 'digest' })
      .select('category_id')
    if (categoryIds.length === 0) return []
    const posts = await Post.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .whereIn(
        'category_id',
        categoryIds.map((row) => row.category_id)
      )
      .where('published_at', '>=', since.toSQL()!)
      .orderBy('published_at', 'desc')
      .limit(30)
    return posts.map((post) => ({
      title: post.title,
      url: newsLinks.post(post.slug),
      detail: post.summary,
    }))
  },
})
