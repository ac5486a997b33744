import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MemberBadgeSchema } from '#database/schema'
import User from '#models/user'
import Badge from '#models/badge'

/** A badge awarded to one member, with the board member's optional note. */
export default class MemberBadge extends MemberBadgeSchema {
  @belongsTo(() => Badge)
  declare badge: BelongsTo<typeof Badge>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'awardedById' })
  declare awardedBy: BelongsTo<typeof User>
}
