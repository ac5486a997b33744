import type { HttpContext } from '@adonisjs/core/http'
import MembershipPolicy from '#policies/membership_policy'
import ApplicationService from '#services/members/application_service'
import OwnMembership from '#services/members/own_membership'

/** A member's own membership: status, number, expiry, history, seats, open application. */
export default class MembershipsController {
  async show({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewOwn')
    const user = auth.getUserOrFail()
    const { membership, history } = await OwnMembership.of(user)
    return view.render('pages/members/membership/show', {
      membership,
      history,
      application: await ApplicationService.pendingFor(user),
      canManageSeats: membership
        ? await bouncer.with(MembershipPolicy).allows('manageSeats', membership)
        : false,
    })
  }
}
