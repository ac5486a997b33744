import type { HttpContext } from '@adonisjs/core/http'
import AdminPolicy from '#policies/admin_policy'
import FailedJobsService from '#services/operations/failed_jobs_service'
import { pageValidator } from '#validators/admin'
import { zoneOf } from '#models/user'

export default class FailedJobsController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(AdminPolicy).authorize('manageJobs')
    const { page } = await request.validateUsing(pageValidator, { data: request.qs() })
    const jobs = await FailedJobsService.list(page ?? 1)
    jobs.baseUrl(request.url())
    return view.render('pages/admin/jobs/index', {
      jobs,
      zone: zoneOf(auth.user),
    })
  }

  async retry({ auth, bouncer, params, response, session, request }: HttpContext) {
    await bouncer.with(AdminPolicy).authorize('manageJobs')
    const job = await FailedJobsService.retry(params.queue, params.id, auth.user!, { request })
    if (!job) {
      session.flash('error', 'That job is no longer in the failed list.')
      return response.redirect().toRoute('admin.jobs.index')
    }
    session.flash('success', `The job ${job.name} is queued again.`)
    return response.redirect().toRoute('admin.jobs.index')
  }
}
