import archiver from 'archiver'
import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import type User from '#models/user'
import privacyRegistry from '#services/privacy/privacy_registry'

/**
 * "Download my data": one ZIP with a JSON file per module and the files the person uploaded.
 * Everything is gathered first, so a failing module fails the request instead of cutting a
 * download short; the archive itself is streamed.
 */
export default class DataExportService {
  static async archive(user: User) {
    const exports = []
    for (const module of privacyRegistry.all()) {
      exports.push({ name: module.name, ...(await module.export(user)) })
    }

    const archive = archiver('zip', { zlib: { level: 6 } })
    archive.on('error', (error) => logger.error({ err: error }, 'data export archive failed'))
    archive.append(
      JSON.stringify(
        {
          exportedAt: DateTime.utc().toISO(),
          modules: exports.map((entry) => entry.name),
        },
        null,
        2
      ),
      { name: 'export.json' }
    )
    for (const entry of exports) {
      archive.append(JSON.stringify(entry.data, null, 2), { name: `${entry.name}.json` })
      for (const file of entry.files ?? []) {
        archive.append(file.contents, { name: `files/${entry.name}/${file.name}` })
      }
    }
    void archive.finalize()
    return archive
  }

  static fileName(user: User) {
    return `guildhall-data-${user.id}-${DateTime.utc().toFormat('yyyyLLdd')}.zip`
  }
}
