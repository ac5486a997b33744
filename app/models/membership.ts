import { DateTime } from 'luxon'
import { belongsTo, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { MembershipSchema } from '#database/schema'
import User from '#models/user'
import MembershipType from '#models/membership_type'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'

export const MEMBERSHIP_STATUSES = ['pending', 'active', 'grace', 'inactive', 'suspended'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

/** Statuses in which someone is a member: listed in the directory, given the member role. */
export const GOOD_STANDING: readonly MembershipStatus[] = ['active', 'grace']

/**
 * A user's membership (one per user). Its status only changes through
 * `MembershipStatusService`, which checks the transition, logs it and keeps the role in step.
 */
export default class Membership extends MembershipSchema {
  static GOOD_STANDING = GOOD_STANDING

  declare status: MembershipStatus

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => MembershipType)
  declare type: BelongsTo<typeof MembershipType>

  @hasMany(() => MembershipHistory)
  declare history: HasMany<typeof MembershipHistory>

  @hasMany(() => MembershipSeat)
  declare seats: HasMany<typeof MembershipSeat>

  static inGoodStanding = scope((query) => {
    query.whereIn('memberships.status', GOOD_STANDING as MembershipStatus[])
  })

  get isGood() {
    return GOOD_STANDING.includes(this.status)
  }

  get isLifetime() {
    return this.expiresOn === null && this.status !== 'pending'
  }

  /** Whole days until expiry (negative once past); null for lifetime memberships. */
  daysLeft(today: DateTime = DateTime.utc().startOf('day')) {
    if (!this.expiresOn) return null
    return Math.round(this.expiresOn.startOf('day').diff(today, 'days').days)
  }
}
