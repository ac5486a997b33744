import { column, scope } from '@adonisjs/lucid/orm'
import { ProfileFieldSchema } from '#database/schema'
import type User from '#models/user'

export const PROFILE_FIELD_KINDS = ['text', 'choice', 'url', 'date'] as const
export type ProfileFieldKind = (typeof PROFILE_FIELD_KINDS)[number]

export const PROFILE_FIELD_VISIBILITIES = ['public', 'members', 'board'] as const
export type ProfileFieldVisibility = (typeof PROFILE_FIELD_VISIBILITIES)[number]

/** The visibility levels of custom fields a viewer may read. */
export function fieldVisibilitiesFor(viewer: User | null | undefined): ProfileFieldVisibility[] {
  if (!viewer || !viewer.isVerified || !viewer.canSignIn || !viewer.isMember) return ['public']
  return viewer.isBoard ? ['public', 'members', 'board'] : ['public', 'members']
}

/** An admin-defined profile field (e.g. "Research group"), with its own visibility. */
export default class ProfileField extends ProfileFieldSchema {
  declare kind: ProfileFieldKind
  declare visibility: ProfileFieldVisibility

  @column({ consume: (value) => Boolean(value) })
  declare searchable: boolean

  @column({
    prepare: (value) => (value ? JSON.stringify(value) : null),
    consume: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
  declare options: string[] | null

  static visibleTo = scope((query, viewer: User | null | undefined) => {
    query.whereIn('profile_fields.visibility', fieldVisibilitiesFor(viewer))
  })
}
