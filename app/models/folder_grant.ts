import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { FolderGrantSchema } from '#database/schema'
import User from '#models/user'
import Folder from '#models/folder'

export const GRANT_PERMISSIONS = ['read', 'edit'] as const
export type GrantPermission = (typeof GRANT_PERMISSIONS)[number]

/**
 * A folder opened to a named member (a committee, a working group) whatever their role:
 * `read` to see and download its contents, `edit` to also upload and change them.
 */
export default class FolderGrant extends FolderGrantSchema {
  declare permission: GrantPermission

  @belongsTo(() => Folder)
  declare folder: BelongsTo<typeof Folder>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
