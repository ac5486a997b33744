import type { HttpContext } from '@adonisjs/core/http'
import MembershipType from '#models/membership_type'
import MembershipApplicationPolicy from '#policies/membership_application_policy'
import ApplicationService, {
  ApplicationRuleError,
  PRIVACY_POLICY_VERSION,
} from '#services/members/application_service'
import { applicationValidator } from '#validators/members'

/** Applying for membership. */
export default class ApplicationsController {
  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(MembershipApplicationPolicy).authorize('create')
    const types = await MembershipType.query().where('is_active', true).orderBy('position')
    return view.render('pages/members/apply/create', {
      types,
      policyVersion: PRIVACY_POLICY_VERSION,
    })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session } = ctx
    await bouncer.with(MembershipApplicationPolicy).authorize('create')
    // `consent` is required by the validator; the service records the policy version and time.
    const { document, ...input } = await request.validateUsing(applicationValidator)
    let application
    try {
      application = await ApplicationService.submit(auth.getUserOrFail(), input, document, ctx)
    } catch (error) {
      if (!(error instanceof ApplicationRuleError)) throw error
      session.flashExcept(['document'])
      if (error.field) session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect().toRoute('applications.create')
    }
    session.flash(
      'success',
      application.status === 'approved'
        ? 'Welcome: you are now a member. We sent you the details.'
        : 'Thank you: your application is with the board. We sent you a confirmation.'
    )
    return response.redirect().toRoute('membership.show')
  }
}
