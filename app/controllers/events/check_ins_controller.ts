import type { HttpContext } from '@adonisjs/core/http'
import AttendeesController from '#controllers/events/attendees_controller'
import AttendeeService from '#services/events/attendee_service'
import { checkInValidator } from '#validators/events'
import { zoneOf } from '#models/user'

/**
 * Check-in at the door, made for a phone: search by name, or type or scan the ticket code.
 */
export default class CheckInsController {
  async index({ params, bouncer, request, view, auth }: HttpContext) {
    const event = await AttendeesController.find(params.id, bouncer)
    const search = String(request.input('q', '')).trim().slice(0, 100)
    const matches = search
      ? await AttendeeService.list(event, search).where('status', 'registered').limit(20)
      : []
    return view.render('pages/events/check_in', {
      event,
      search,
      matches,
      code: String(request.input('code', '')).slice(0, 32),
      stats: await AttendeeService.stats(event),
      zone: zoneOf(auth.user, event.timezone),
    })
  }

  async store(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const event = await AttendeesController.find(params.id, bouncer)
    const input = await request.validateUsing(checkInValidator)
    const registration = await AttendeeService.checkIn(event, input, auth.getUserOrFail(), ctx)
    if (!registration) {
      session.flash('error', 'No registration for this event matches that code.')
      session.flash('inputErrorsBag', {
        code: ['No registration for this event matches that code.'],
      })
      return response.redirect().toRoute('event_check_ins.index', { id: event.id })
    }
    session.flash(
      'success',
      `${registration.user.name} is checked in${registration.guests ? ` with ${registration.guests} guest(s)` : ''}.`
    )
    return response.redirect().toRoute('event_check_ins.index', { id: event.id })
  }
}
