import { belongsTo, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { DocumentSchema } from '#database/schema'
import User from '#models/user'
import Folder from '#models/folder'
import DocumentVersion from '#models/document_version'
import DocumentDownload from '#models/document_download'
import type { AccessLevel, LibraryAccess } from '#services/documents/library_access'

/**
 * A document of the library: what it is (title, description, tags) and which of its versions
 * is current. The files themselves are the versions.
 */
export default class Document extends DocumentSchema {
  declare accessLevel: AccessLevel | null

  /**
   * Only the documents the viewer may read: the one visibility rule of the library, computed
   * by LibraryAccess, applied to every list, search and dashboard query.
   */
  static visibleTo = scope((query, access: LibraryAccess) => {
    access.constrainDocuments(query)
  })

  @belongsTo(() => Folder)
  declare folder: BelongsTo<typeof Folder>

  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @belongsTo(() => DocumentVersion, { foreignKey: 'currentVersionId' })
  declare currentVersion: BelongsTo<typeof DocumentVersion>

  @hasMany(() => DocumentVersion)
  declare versions: HasMany<typeof DocumentVersion>

  @hasMany(() => DocumentDownload)
  declare downloads: HasMany<typeof DocumentDownload>

  get tagList() {
    return this.tags.split(',').filter(Boolean)
  }
}
