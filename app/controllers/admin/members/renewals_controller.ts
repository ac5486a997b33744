import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import MembershipPolicy from '#policies/membership_policy'
import RenewalService, { RenewalRefusedError } from '#services/members/renewal_service'

/** An admin records a renewal paid outside the portal. */
export default class RenewalsController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    const membership = await Membership.findOrFail(params.id)
    await bouncer.with(MembershipPolicy).authorize('recordRenewal', membership)
    try {
      await RenewalService.record(membership, auth.getUserOrFail(), ctx)
    } catch (error) {
      if (!(error instanceof RenewalRefusedError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('admin.members.show', { id: membership.id })
    }
    session.flash(
      'success',
      `Renewal recorded: the membership now runs until ${membership.expiresOn?.toISODate()}.`
    )
    return response.redirect().toRoute('admin.members.show', { id: membership.id })
  }
}
