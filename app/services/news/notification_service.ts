import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import NewsSubscription, { type SubscriptionMode } from '#models/news_subscription'
import { visibilitiesFor, type PostVisibility } from '#models/post'
import PostCategory from '#models/post_category'
import User from '#models/user'

const UNSUBSCRIBE_PURPOSE = 'news-unsubscribe'

/** How many recipients one fan-out step hands to the queue at once. */
export const FAN_OUT_BATCH = 500

export interface UnsubscribeScope {
  userId: number
  /** A category id, or `digest` for the weekly digest. */
  scope: number | 'digest'
}

/**
 * Members' news notification choices: per category, nothing, one email per new post, or the
 * weekly digest. Unsubscribe links carry a signed token (purpose-bound HMAC), so they work
 * without signing in and cannot be forged for someone else.
 */
export default class NotificationService {
  static async choicesOf(user: User) {
    const categories = await PostCategory.query().orderBy('position').orderBy('name')
    const subscriptions = await NewsSubscription.query().where('user_id', user.id)
    const modes = new Map(subscriptions.map((row) => [row.categoryId, row.mode]))
    return categories.map((category) => ({ category, mode: modes.get(category.id) ?? 'none' }))
  }

  static async save(user: User, choices: Record<number, SubscriptionMode | 'none'>) {
    const categories = await PostCategory.query().select('id')
    await db.transaction(async (trx) => {
      for (const { id } of categories) {
        const mode = choices[id] ?? 'none'
        if (mode === 'none') {
          await NewsSubscription.query({ client: trx })
            .where({ user_id: user.id, category_id: id })
            .delete()
        } else {
          await NewsSubscription.updateOrCreate(
            { userId: user.id, categoryId: id },
            { mode },
            { client: trx }
          )
        }
      }
    })
  }

  static unsubscribeToken(userId: number, scope: number | 'digest') {
    return encryption
      .getMessageVerifier()
      .sign({ u: userId, s: scope }, undefined, UNSUBSCRIBE_PURPOSE)
  }

  static readToken(token: string): UnsubscribeScope | null {
    const payload = encryption
      .getMessageVerifier()
      .unsign<{ u: number; s: number | 'digest' }>(token, UNSUBSCRIBE_PURPOSE)
    if (!payload || typeof payload.u !== 'number') return null
    if (payload.s !== 'digest' && typeof payload.s !== 'number') return null
    return { userId: payload.u, scope: payload.s }
  }

  static async describe(scope: UnsubscribeScope) {
    if (scope.scope === 'digest') return 'the weekly news digest'
    const category = await PostCategory.find(scope.scope)
    return category ? `new posts in “${category.name}”` : 'these news emails'
  }

  static async unsubscribe(scope: UnsubscribeScope) {
    const query = NewsSubscription.query().where('user_id', scope.userId)
    if (scope.scope === 'digest') {
      await query.where('mode', 'digest').delete()
    } else {
      await query.where('category_id', scope.scope).delete()
    }
  }

  /**
   * One page of the subscribers to email about a new post in a category, after `afterUserId`
   * (keyset pagination, so the fan-out never loads every member at once). Who may read the
   * post is decided by the rule the news pages use; `next` is where the following page starts,
   * null after the last one.
   */
  static async recipientsPage(
    categoryId: number,
    visibility: PostVisibility,
    afterUserId: number,
    limit = FAN_OUT_BATCH
  ) {
    const subscribers = await User.query()
      .join('news_subscriptions', 'news_subscriptions.user_id', 'users.id')
      .where('news_subscriptions.category_id', categoryId)
      .where('news_subscriptions.mode', 'each')
      .where('users.status', 'active')
      .whereNotNull('users.email_verified_at')
      .where('users.id', '>', afterUserId)
      .orderBy('users.id')
      .limit(limit)
      .select('users.*')
    return {
      recipients: subscribers
        .filter((user) => visibilitiesFor(user).includes(visibility))
        .map((user) => user.id),
      next: subscribers.length === limit ? subscribers[subscribers.length - 1].id : null,
    }
  }

  /**
   * One page of the members who chose the weekly digest for at least one category.
   */
  static async digestRecipientsPage(afterUserId: number, limit = FAN_OUT_BATCH) {
    const rows = await db
      .from('users')
      .where('users.status', 'active')
      .whereNotNull('users.email_verified_at')
      .where('users.id', '>', afterUserId)
      .whereExists((sub) =>
        sub
          .from('news_subscriptions')
          .whereColumn('news_subscriptions.user_id', 'users.id')
          .where('news_subscriptions.mode', 'digest')
      )
      .orderBy('users.id')
      .limit(limit)
      .select('users.id')
    return rows.map((row) => Number(row.id))
  }
}
