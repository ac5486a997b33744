import { DateTime } from 'luxon'
import { afterDelete, afterSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { MembershipTypeSchema } from '#database/schema'
import { forgetDirectoryChoices } from '#services/members/directory_choices'
import Membership from '#models/membership'

/**
 * A category of membership (Student, Regular, Fellow, Institutional...): its fee, how long it
 * lasts (null months = lifetime), how long a lapsed member stays in grace, and how many seats an
 * institutional or family membership shares out.
 */
export default class MembershipType extends MembershipTypeSchema {
  @afterSave()
  @afterDelete()
  static forgetDirectoryChoices() {
    forgetDirectoryChoices()
  }

  // SQLite hands booleans back as 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare requiresApproval: boolean

  @column({ consume: (value) => Boolean(value) })
  declare isActive: boolean

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  get isLifetime() {
    return this.durationMonths === null
  }

  get feeLabel() {
    if (this.feeAmount === 0) return 'Free'
    return new Intl.NumberFormat('en', { style: 'currency', currency: this.currency }).format(
      this.feeAmount / 100
    )
  }

  /** The expiry of a term starting (or renewed) on `from`; null for lifetime types. */
  expiryFrom(from: DateTime): DateTime | null {
    if (this.durationMonths === null) return null
    return from.plus({ months: this.durationMonths }).startOf('day')
  }
}
