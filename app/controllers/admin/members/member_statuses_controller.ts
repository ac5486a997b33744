import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import MembershipPolicy from '#policies/membership_policy'
import MembershipStatusService, {
  MembershipConflictError,
} from '#services/members/membership_status_service'
import { TransitionRefusedError } from '#services/members/transitions'
import { statusChangeValidator } from '#validators/members'

/** A board decision on a membership's status, with its reason. */
export default class MemberStatusesController {
  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    const membership = await Membership.findOrFail(params.id)
    await bouncer.with(MembershipPolicy).authorize('changeStatus', membership)
    const { status, reason } = await request.validateUsing(statusChangeValidator)
    try {
      await MembershipStatusService.change(membership, status, {
        actor: auth.getUserOrFail(),
        reason,
        ctx,
      })
    } catch (error) {
      if (error instanceof TransitionRefusedError || error instanceof MembershipConflictError) {
        session.flash('error', `${error.message}.`)
        session.flash('inputErrorsBag', { status: [`${error.message}.`] })
        return response.redirect().toRoute('admin.members.show', { id: membership.id })
      }
      throw error
    }
    session.flash('success', `The membership is now ${status}; the member was notified.`)
    return response.redirect().toRoute('admin.members.show', { id: membership.id })
  }
}
