import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { column } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbRememberMeTokensProvider } from '@adonisjs/auth/session'
import { UserSchema } from '#database/schema'
import { association } from '#config/app'

export const ROLES = ['admin', 'board', 'member', 'user'] as const
export type Role = (typeof ROLES)[number]

export const PROFILE_VISIBILITIES = ['public', 'members', 'private'] as const
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number]

export const ACCOUNT_STATUSES = ['active', 'disabled', 'suspended'] as const
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number]

/**
 * An account. `role` says what it may do: `user` is signed in but not (yet) a member.
 */
export default class User extends compose(UserSchema, withAuthFinder(hash)) {
  static rememberMeTokens = DbRememberMeTokensProvider.forModel(User)

  // SQLite hands booleans back as 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare showEmail: boolean

  // Lets a member who is not on the board write news posts (granted by an admin).
  @column({ consume: (value) => Boolean(value) })
  declare canAuthor: boolean

  get isVerified() {
    return this.emailVerifiedAt !== null
  }

  get canSignIn() {
    return this.status === 'active'
  }

  get isAdmin() {
    return this.role === 'admin'
  }

  get isBoard() {
    return this.role === 'board' || this.role === 'admin'
  }

  get isMember() {
    return this.role === 'member' || this.isBoard
  }

  get name() {
    return this.displayName || this.fullName
  }

  get initials() {
    const parts = this.name.trim().split(/\s+/)
    const first = parts[0] ?? ''
    const last = parts.length > 1 ? parts[parts.length - 1] : ''
    return `${first.charAt(0)}${last.charAt(0)}`.toUpperCase()
  }
}

/** The zone times are shown in to `user`: their own, or else `fallback` (the association's). */
export function zoneOf(user: User | null | undefined, fallback: string = association.timezone) {
  return user?.timezone || fallback
}
