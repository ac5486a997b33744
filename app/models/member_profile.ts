import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MemberProfileSchema } from '#database/schema'
import User from '#models/user'

/**
 * A member's professional information, shown on their directory card and profile page. One row
 * per user (`user_id` is unique): approval of an application upserts it, the member edits it
 * from the account area. `country` is an upper-case ISO 3166-1 alpha-2 code.
 *
 * Database triggers copy institution, field and interests (and the user's shown name) into the
 * directory's full-text index, so any writer keeps search right.
 */
export default class MemberProfile extends MemberProfileSchema {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
