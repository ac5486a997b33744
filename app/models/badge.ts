import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { BadgeSchema } from '#database/schema'
import MemberBadge from '#models/member_badge'

/** A distinction defined by admins (e.g. "Founding member") and awarded by the board. */
export default class Badge extends BadgeSchema {
  @hasMany(() => MemberBadge)
  declare awards: HasMany<typeof MemberBadge>
}
