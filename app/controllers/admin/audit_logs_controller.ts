import type { HttpContext } from '@adonisjs/core/http'
import AdminPolicy from '#policies/admin_policy'
import AuditLogQuery from '#services/admin/audit_log_query'
import { AUDIT_ACTIONS } from '#services/audit/audit_log_service'
import { auditFiltersValidator } from '#validators/admin'
import { fieldErrors } from '#validators/field_errors'
import { zoneOf } from '#models/user'

export default class AuditLogsController {
  async index({ auth, bouncer, request, response, view }: HttpContext) {
    await bouncer.with(AdminPolicy).authorize('viewAuditLog')
    const [error, filters] = await request.tryValidateUsing(auditFiltersValidator, {
      data: request.qs(),
    })
    if (error) response.status(422)
    const applied = filters ?? {}
    const zone = zoneOf(auth.user)
    const events = await AuditLogQuery.browse(applied, zone)
    const qs = request.qs()
    events.baseUrl(request.url()).queryString({
      action: applied.action,
      actor: applied.actor,
      subject: applied.subject,
      from: applied.from ? qs.from : undefined,
      to: applied.to ? qs.to : undefined,
    })
    return view.render('pages/admin/audit/index', {
      events,
      zone,
      actions: AUDIT_ACTIONS,
      filters: { ...applied, from: applied.from ? qs.from : '', to: applied.to ? qs.to : '' },
      filterErrors: error ? fieldErrors(error) : {},
    })
  }
}
