import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { DocumentDownloadSchema } from '#database/schema'
import User from '#models/user'
import DocumentVersion from '#models/document_version'

/**
 * Who downloaded which version, and when; visitors are recorded without a user.
 */
export default class DocumentDownload extends DocumentDownloadSchema {
  @belongsTo(() => DocumentVersion, { foreignKey: 'documentVersionId' })
  declare version: BelongsTo<typeof DocumentVersion>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>
}
