import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MembershipSeatSchema } from '#database/schema'
import User from '#models/user'
import Membership from '#models/membership'

/**
 * A seat of an institutional or family membership, invited by email and taken by the user who
 * accepts it; its holder is a member while the primary membership is in good standing.
 */
export default class MembershipSeat extends MembershipSeatSchema {
  @belongsTo(() => Membership)
  declare membership: BelongsTo<typeof Membership>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
