import type { HttpContext } from '@adonisjs/core/http'
import MembershipApplication, { APPLICATION_STATUSES } from '#models/membership_application'
import MembershipApplicationPolicy from '#policies/membership_application_policy'
import ApplicationService, {
  ApplicationAlreadyDecidedError,
} from '#services/members/application_service'
import { rejectionValidator } from '#validators/members'

/** The board's queue of applications and its decisions. */
export default class ApplicationsController {
  async index({ bouncer, request, view }: HttpContext) {
    await bouncer.with(MembershipApplicationPolicy).authorize('viewAny')
    const requested = String(request.input('status', 'pending'))
    const status = (APPLICATION_STATUSES as readonly string[]).includes(requested)
      ? requested
      : 'pending'
    const applications = await MembershipApplication.query()
      .where('status', status)
      .preload('user')
      .preload('type')
      .orderBy('created_at', status === 'pending' ? 'asc' : 'desc')
      .orderBy('id')
      .paginate(Number(request.input('page', 1)) || 1, 50)
    applications.baseUrl(request.url()).queryString({ status })
    return view.render('pages/admin/members/applications/index', {
      applications,
      status,
      statuses: APPLICATION_STATUSES,
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    const application = await MembershipApplication.query()
      .where('id', params.id)
      .preload('user')
      .preload('type')
      .preload('decidedBy')
      .firstOrFail()
    await bouncer.with(MembershipApplicationPolicy).authorize('viewAny')
    return view.render('pages/admin/members/applications/show', {
      application,
      canDecide: await bouncer.with(MembershipApplicationPolicy).allows('decide', application),
    })
  }

  async document({ bouncer, params, response }: HttpContext) {
    const application = await MembershipApplication.findOrFail(params.id)
    await bouncer.with(MembershipApplicationPolicy).authorize('viewAny')
    const bytes = await ApplicationService.document(application)
    if (!bytes) return response.notFound('No document')
    response.header('content-type', application.documentMime ?? 'application/octet-stream')
    response.attachment(application.documentName ?? 'document')
    response.header('x-content-type-options', 'nosniff')
    return response.send(Buffer.from(bytes))
  }

  async approve(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    const application = await MembershipApplication.findOrFail(params.id)
    await bouncer.with(MembershipApplicationPolicy).authorize('decide', application)
    try {
      const membership = await ApplicationService.approve(application, auth.getUserOrFail(), ctx)
      session.flash('success', `Approved: member number ${membership.memberNumber}.`)
    } catch (error) {
      if (!(error instanceof ApplicationAlreadyDecidedError)) throw error
      session.flash('error', 'Another board member decided this application first.')
    }
    return response.redirect().toRoute('admin.applications.index')
  }

  async reject(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    const application = await MembershipApplication.findOrFail(params.id)
    await bouncer.with(MembershipApplicationPolicy).authorize('decide', application)
    const { reason } = await request.validateUsing(rejectionValidator)
    try {
      await ApplicationService.reject(application, auth.getUserOrFail(), reason, ctx)
      session.flash('success', 'The application was rejected; the applicant was told why.')
    } catch (error) {
      if (!(error instanceof ApplicationAlreadyDecidedError)) throw error
      session.flash('error', 'Another board member decided this application first.')
    }
    return response.redirect().toRoute('admin.applications.index')
  }
}
