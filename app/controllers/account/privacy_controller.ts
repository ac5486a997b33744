import type { HttpContext } from '@adonisjs/core/http'
import { zoneOf } from '#models/user'
import DataExportService, {
  DATA_EXPORT_RETENTION,
  DATA_EXPORTS_KEPT,
} from '#services/privacy/data_export_service'

export default class PrivacyController {
  async show({ auth, view }: HttpContext) {
    const user = auth.getUserOrFail()
    return view.render('pages/account/privacy', {
      exports: await DataExportService.listFor(user),
      zone: zoneOf(user),
      retentionDays: DATA_EXPORT_RETENTION.days,
      kept: DATA_EXPORTS_KEPT,
    })
  }
}
