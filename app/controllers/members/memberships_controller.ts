import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipPolicy from '#policies/membership_policy'
import ApplicationService from '#services/members/application_service'

/** A member's own membership: status, number, expiry, history, seats, open application. */
export default class MembershipsController {
  async show({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewOwn')
    const user = auth.getUserOrFail()
    const membership = await Membership.query()
      .where('user_id', user.id)
      .preload('type')
      .preload('seats', (seats) => seats.preload('user').orderBy('invited_at'))
      .first()
    const history = membership
      ? await MembershipHistory.query()
          .where('membership_id', membership.id)
          .preload('actor')
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(50)
      : []
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
