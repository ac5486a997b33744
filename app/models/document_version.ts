import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { DocumentVersionSchema } from '#database/schema'
import User from '#models/user'
import Document from '#models/document'

export const SCAN_STATUSES = ['clean', 'unscanned'] as const
export type ScanStatus = (typeof SCAN_STATUSES)[number]

/**
 * One uploaded file of a document. Versions are never changed: a new upload or a restore
 * only moves the document's current version.
 */
export default class DocumentVersion extends DocumentVersionSchema {
  declare scanStatus: ScanStatus

  @column({ consume: (value) => Number(value) })
  declare sizeBytes: number

  @belongsTo(() => Document)
  declare document: BelongsTo<typeof Document>

  @belongsTo(() => User, { foreignKey: 'uploadedById' })
  declare uploadedBy: BelongsTo<typeof User>
}
