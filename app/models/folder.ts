import { column, belongsTo, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { FolderSchema } from '#database/schema'
import User from '#models/user'
import Document from '#models/document'
import FolderGrant from '#models/folder_grant'
import type { AccessLevel } from '#services/documents/library_access'

/**
 * A folder of the document library. Its access level applies to everything inside unless a
 * subfolder or document sets a stricter one (app/services/documents/library_access.ts).
 */
export default class Folder extends FolderSchema {
  declare accessLevel: AccessLevel | null

  // PostgreSQL hands bigint columns back as strings.
  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare quotaBytes: number | null

  @belongsTo(() => Folder, { foreignKey: 'parentId' })
  declare parent: BelongsTo<typeof Folder>

  @hasMany(() => Folder, { foreignKey: 'parentId' })
  declare children: HasMany<typeof Folder>

  @hasMany(() => Document)
  declare documents: HasMany<typeof Document>

  @hasMany(() => FolderGrant)
  declare grants: HasMany<typeof FolderGrant>

  @belongsTo(() => User, { foreignKey: 'createdById' })
  declare createdBy: BelongsTo<typeof User>
}
