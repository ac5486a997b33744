import type { HttpContext } from '@adonisjs/core/http'
import AdminPolicy from '#policies/admin_policy'
import AccountAdminService from '#services/admin/account_admin_service'
import AuditLogQuery from '#services/admin/audit_log_query'
import FailedJobsService from '#services/operations/failed_jobs_service'

export default class DashboardController {
  async show({ bouncer, view }: HttpContext) {
    await bouncer.with(AdminPolicy).authorize('viewDashboard')
    const canSeeOperations = await bouncer.with(AdminPolicy).allows('viewAuditLog')
    return view.render('pages/admin/dashboard', {
      counts: await AccountAdminService.counts(),
      canSeeOperations,
      recentEvents: canSeeOperations ? await AuditLogQuery.recent() : [],
      failedJobs: canSeeOperations ? await FailedJobsService.count() : 0,
    })
  }
}
