import string from '@adonisjs/core/helpers/string'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PostCategory from '#models/post_category'
import type User from '#models/user'
import { RuleError } from '#exceptions/rule_error'
import AuditLogService from '#services/audit/audit_log_service'
import { isUniqueViolation } from '#services/database/unique_violation'
import { transactionRetriedOnClash } from '#services/database/clash_retry'
import newsCache from '#services/news/news_cache'

// Creations that lose their slug to a category added at the same moment and pick again.
const SLUG_ATTEMPTS = 3

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
    // Another editor may add a category with the same slug after it was found free.
    const category = await transactionRetriedOnClash(
      async (trx) =>
        PostCategory.create(
          {
            name: input.name,
            slug: await CategoryService.#freeSlug(trx, input.name),
            description: input.description || null,
            position: input.position ?? 0,
          },
          { client: trx }
        ),
      {
        attempts: SLUG_ATTEMPTS,
        isClash: isUniqueViolation,
        exhausted: () =>
          new RuleError(
            'Another category was added with the same name at this moment. Please try again.',
            'name'
          ),
      }
    )
    await CategoryService.#changed(category, editor, ctx)
    return category
  }

  static async #freeSlug(trx: TransactionClientContract, name: string) {
    const base = string.slug(name, { lower: true, strict: true }) || 'category'
    let slug = base
    for (
      let attempt = 2;
      await PostCategory.query({ client: trx }).where('slug', slug).first();
      attempt++
    ) {
      slug = `${base}-${attempt}`
    }
    return slug
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
