import Post from '#models/post'
import PostCategory from '#models/post_category'
import PostSlug from '#models/post_slug'
import PostTag from '#models/post_tag'
import type User from '#models/user'
import { containsPattern } from '#services/database/like'

export const PAGE_SIZE = 12

export interface ListFilters {
  page: number
  category?: PostCategory | null
  tag?: PostTag | null
  search?: string | null
}

/**
 * What readers see: the list (pinned first, newest first), one post by its slug (or a former
 * slug, to redirect), and related posts. Every query starts from `Post.visibleTo(reader)`.
 */
export default class ReadingService {
  static list(reader: User | null, filters: ListFilters) {
    const query = Post.query()
      .withScopes((scopes) => scopes.visibleTo(reader))
      .preload('category')
      .preload('author')
      .orderBy('pinned', 'desc')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
    if (filters.category) query.where('category_id', filters.category.id)
    if (filters.tag) {
      const tagId = filters.tag.id
      query.whereHas('tags', (tags) => tags.where('post_tags.id', tagId))
    }
    const search = filters.search?.trim()
    if (search) {
      const pattern = containsPattern(search)
      query.where((match) =>
        match
          .whereRaw("lower(title) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(coalesce(summary, '')) like ? escape '\\'", [pattern])
          .orWhereRaw("lower(body_source) like ? escape '\\'", [pattern])
      )
    }
    return query.paginate(filters.page, PAGE_SIZE)
  }

  /**
   * The post under this slug, or, for a former slug, the current slug to redirect to.
   */
  static async find(slug: string) {
    const post = await Post.query()
      .where('slug', slug)
      .preload('category')
      .preload('author')
      .preload('tags')
      .first()
    if (post) return { post }
    const former = await PostSlug.query().where('slug', slug).first()
    if (!former) return null
    const current = await Post.find(former.postId)
    return current ? { redirectTo: current.slug } : null
  }

  static async related(reader: User | null, post: Post, limit = 3) {
    const tagIds = post.tags.map((tag) => tag.id)
    return Post.query()
      .withScopes((scopes) => scopes.visibleTo(reader))
      .whereNot('id', post.id)
      .where((match) => {
        if (post.categoryId !== null) match.where('category_id', post.categoryId)
        if (tagIds.length > 0) {
          match.orWhereHas('tags', (tags) => tags.whereIn('post_tags.id', tagIds))
        }
      })
      .orderBy('published_at', 'desc')
      .limit(limit)
  }

  static categories() {
    return PostCategory.query().orderBy('position').orderBy('name')
  }

  static findCategory(slug: string) {
    return PostCategory.findBy('slug', slug)
  }

  static findTag(slug: string) {
    return PostTag.findBy('slug', slug)
  }
}
