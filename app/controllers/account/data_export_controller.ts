import type { HttpContext } from '@adonisjs/core/http'
import AuditLogService from '#services/audit/audit_log_service'
import DataExportService from '#services/privacy/data_export_service'

export default class DataExportController {
  async store(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const archive = await DataExportService.archive(user)
    await AuditLogService.record({ action: 'data.exported', actor: user, subject: user }, ctx)
    ctx.response.header('Content-Type', 'application/zip')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="${DataExportService.fileName(user)}"`
    )
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.response.stream(archive)
  }
}
