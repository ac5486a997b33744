import { randomUUID } from 'node:crypto'
import { beforeCreate, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { DateTime } from 'luxon'
import { DataExportSchema } from '#database/schema'
import User from '#models/user'

export const DATA_EXPORT_STATUSES = ['preparing', 'ready', 'failed'] as const
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number]

/**
 * One "download my data" archive of a member (see DataExportService). Its id is a random UUID,
 * since it is the archive's address in the link mailed to the member.
 */
export default class DataExport extends DataExportSchema {
  static selfAssignPrimaryKey = true

  declare status: DataExportStatus

  @column({ consume: (value) => (value === null ? null : Number(value)) })
  declare sizeBytes: number | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @beforeCreate()
  static assignId(dataExport: DataExport) {
    dataExport.id ??= randomUUID()
  }

  get isExpired() {
    return this.expiresAt <= DateTime.utc()
  }
}
