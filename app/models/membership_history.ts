import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MembershipHistorySchema } from '#database/schema'
import User from '#models/user'
import Membership from '#models/membership'

export const HISTORY_EVENTS = [
  'status_change',
  'renewal',
  'badge_awarded',
  'badge_revoked',
  'seat_joined',
  'seat_left',
] as const
export type HistoryEvent = (typeof HISTORY_EVENTS)[number]

/** One line of a membership's story: who changed what, when and why. Never updated. */
export default class MembershipHistory extends MembershipHistorySchema {
  static table = 'membership_history'

  declare event: HistoryEvent

  // Stored as text on SQLite and json on PostgreSQL; always handed back as an object.
  @column({
    prepare: (value) => (value ? JSON.stringify(value) : null),
    consume: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare meta: Record<string, unknown> | null

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>

  @belongsTo(() => Membership)
  declare membership: BelongsTo<typeof Membership>

  /** The latest `limit` lines of a membership's story, newest first, with who made each. */
  static latestFor(membershipId: number, limit: number) {
    return MembershipHistory.query()
      .where('membership_id', membershipId)
      .preload('actor')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
  }
}
