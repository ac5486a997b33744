import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { MembershipApplicationSchema } from '#database/schema'
import User from '#models/user'
import MembershipType from '#models/membership_type'

export const APPLICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** The professional information an application carries over to the member's profile. */
export const PROFESSIONAL_FIELDS = [
  'institution',
  'position',
  'field',
  'degrees',
  'website',
  'orcid',
  'interests',
  'country',
] as const

/** A request to join under a type, decided once by a board member. */
export default class MembershipApplication extends MembershipApplicationSchema {
  declare status: ApplicationStatus

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => User, { foreignKey: 'decidedById' })
  declare decidedBy: BelongsTo<typeof User>

  @belongsTo(() => MembershipType)
  declare type: BelongsTo<typeof MembershipType>
}
