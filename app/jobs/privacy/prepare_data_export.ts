import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import DataExportService from '#services/privacy/data_export_service'

/**
 * Builds a member's "download my data" archive into the shared storage and mails them the
 * link (see DataExportService). A retry after a run that stored the archive finds it ready and
 * does nothing more; one that ran out of retries marks the export failed, which the member sees
 * on their privacy page, and the board can retry it from the failed jobs.
 */
export default class PrepareDataExport extends Job<{ exportId: string }> {
  static options: JobOptions = { maxRetries: 3 }

  async execute() {
    await DataExportService.prepare(this.payload.exportId)
  }

  async failed() {
    await DataExportService.markFailed(this.payload.exportId)
  }
}
