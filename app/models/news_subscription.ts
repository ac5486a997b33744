import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { NewsSubscriptionSchema } from '#database/schema'
import PostCategory from '#models/post_category'
import User from '#models/user'

/** `each`: one email per new post; `digest`: the weekly summary instead. */
export const SUBSCRIPTION_MODES = ['each', 'digest'] as const
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number]

export default class NewsSubscription extends NewsSubscriptionSchema {
  declare mode: SubscriptionMode

  @belongsTo(() => PostCategory, { foreignKey: 'categoryId' })
  declare category: BelongsTo<typeof PostCategory>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
