import { Job } from '@adonisjs/queue'
import DataExportService from '#services/privacy/data_export_service'

/**
 * Hourly removal of "download my data" archives past their expiry, files and rows, so a copy of
 * everything about a member is not kept longer than promised. Scheduled in start/scheduler.ts.
 */
export default class PurgeExpiredDataExports extends Job<Record<string, never>> {
  async execute() {
    await DataExportService.purgeExpired()
  }
}
