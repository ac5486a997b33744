import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { ProfileFieldValueSchema } from '#database/schema'
import ProfileField from '#models/profile_field'
import User from '#models/user'

/** One member's value for a custom profile field. */
export default class ProfileFieldValue extends ProfileFieldValueSchema {
  @belongsTo(() => ProfileField)
  declare field: BelongsTo<typeof ProfileField>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
