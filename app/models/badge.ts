import { afterDelete, afterSave, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { BadgeSchema } from '#database/schema'
import { forgetDirectoryChoices } from '#services/members/directory_choices'
import MemberBadge from '#models/member_badge'

/** A distinction defined by admins (e.g. "Founding member") and awarded by the board. */
export default class Badge extends BadgeSchema {
  @afterSave()
  @afterDelete()
  static forgetDirectoryChoices() {
    forgetDirectoryChoices()
  }

  @hasMany(() => MemberBadge)
  declare awards: HasMany<typeof MemberBadge>
}
