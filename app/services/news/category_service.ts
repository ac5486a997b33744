import string from '@adonisjs/core/helpers/string'
import type { HttpContext } from '@adonisjs/core/http'
import PostCategory from '#models/post_category'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import newsCache from '#services/news/news_cache'

export interface CategoryInput {
  name: string
  description?: string | null
  position?: number | null
}

/**
 * The news categories, kept by editors. A category's slug is fixed when it is created so its
 * page and feed addresses do not move when it is renamed.
 */
export default class CategoryService {
  static async create(input: CategoryInput, editor: User, ctx?: HttpContext) {
    const base = string.slug(input.name, { lower: true, strict: true }) || 'category'
    let slug = base
    for (let attempt = 2; await PostCategory.findBy('slug', slug); attempt++) {
      slug = `${base}-${attempt}`
    }
    const category = await PostCategory.create({
      name: input.name,
      slug,
      description: input.description || null,
      position: input.position ?? 0,
    })
    await CategoryService.#changed(category, editor, ctx)
    return category
  }

  static async update(
    category: PostCategory,
    input: CategoryInput,
    editor: User,
    ctx?: HttpContext
  ) {
    category.merge({
      name: input.name,
      description: input.description || null,
      position: input.position ?? category.position,
    })
    await category.save()
    await CategoryService.#changed(category, editor, ctx)
  }

  /**
   * Posts of a deleted category stay, without a category; their subscriptions go.
   */
  static async delete(category: PostCategory, editor: User, ctx?: HttpContext) {
    await category.delete()
    await newsCache.invalidate()
    await AuditLogService.record(
      {
        action: 'news_category.deleted',
        actor: editor,
        meta: { categoryId: category.id, name: category.name },
      },
      ctx
    )
  }

  static async #changed(category: PostCategory, editor: User, ctx?: HttpContext) {
    await newsCache.invalidate()
    await AuditLogService.record(
      {
        action: 'news_category.saved',
        actor: editor,
        meta: { categoryId: category.id, name: category.name },
      },
      ctx
    )
  }
}
