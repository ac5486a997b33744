import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#models/membership'
import MembershipSeat from '#models/membership_seat'
import MembershipPolicy from '#policies/membership_policy'
import SeatService, { SeatRuleError } from '#services/members/seat_service'
import { seatInvitationValidator } from '#validators/members'

/** The holder of an institutional or family membership shares its seats. */
export default class SeatsController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session } = ctx
    const user = auth.getUserOrFail()
    const membership = await Membership.findByOrFail('user_id', user.id)
    await bouncer.with(MembershipPolicy).authorize('manageSeats', membership)
    const { email } = await request.validateUsing(seatInvitationValidator)
    try {
      await SeatService.invite(membership, email, user, ctx)
    } catch (error) {
      if (!(error instanceof SeatRuleError)) throw error
      session.flashAll()
      session.flash('inputErrorsBag', { email: [error.message] })
      session.flash('error', error.message)
      return response.redirect().toRoute('membership.show')
    }
    session.flash('success', `Invitation sent to ${email}.`)
    return response.redirect().toRoute('membership.show')
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    const user = auth.getUserOrFail()
    const membership = await Membership.findByOrFail('user_id', user.id)
    await bouncer.with(MembershipPolicy).authorize('manageSeats', membership)
    const seat = await MembershipSeat.query()
      .where('id', params.id)
      .where('membership_id', membership.id)
      .firstOrFail()
    await SeatService.remove(seat, user, ctx)
    session.flash('success', `The seat of ${seat.email} is free again.`)
    return response.redirect().toRoute('membership.show')
  }

  async show({ params, view }: HttpContext) {
    const seat = await SeatService.findOpen(params.token)
    return view.render('pages/members/seats/accept', { seat, token: params.token })
  }

  async accept({ auth, params, response, session }: HttpContext) {
    try {
      await SeatService.accept(params.token, auth.getUserOrFail())
    } catch (error) {
      if (!(error instanceof SeatRuleError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('seats.accept', { token: params.token })
    }
    session.flash('success', 'Welcome: you now share this membership.')
    return response.redirect().toRoute('membership.show')
  }
}
