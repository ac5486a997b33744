import DataExport from '#models/data_export'
import privacyRegistry from '#services/privacy/privacy_registry'
import DataExportService from '#services/privacy/data_export_service'

/*
 * The member's own "download my data" archives: when each was asked for and downloaded. Each is
 * a copy of everything else here, so deleting the account deletes them, files included (after
 * the deletion commits, like the other stored files).
 */
privacyRegistry.register({
  name: 'data_exports',
  async export(user) {
    const exports = await DataExport.query().where('user_id', user.id).orderBy('created_at')
    return {
      data: {
        archives: exports.map((dataExport) => ({
          status: dataExport.status,
          askedAt: dataExport.createdAt.toISO(),
          readyAt: dataExport.readyAt?.toISO() ?? null,
          expiresAt: dataExport.expiresAt.toISO(),
          downloadedAt: dataExport.downloadedAt?.toISO() ?? null,
        })),
      },
    }
  },
  async erase(user, trx) {
    return { files: await DataExportService.forgetAllOf(user, trx) }
  },
})
