import type { HttpContext } from '@adonisjs/core/http'
import contentDisposition from 'content-disposition'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import EventPolicy from '#policies/event_policy'
import AttendeeService from '#services/events/attendee_service'
import AuditLogService from '#services/audit/audit_log_service'
import RegistrationService from '#services/events/registration_service'
import { notFound } from '#exceptions/not_found'
import { zoneOf } from '#models/user'

/**
 * The organiser's attendee list with the waitlist and approval queue, and its CSV export.
 */
export default class AttendeesController {
  async index({ params, bouncer, view, request, auth }: HttpContext) {
    const event = await AttendeesController.find(params.id, bouncer)
    await event.load('questions')
    const page = Math.max(1, Number(request.input('page', 1)) || 1)
    const registrations = await AttendeeService.list(event).paginate(page, 100)
    registrations.baseUrl(request.url())
    return view.render('pages/events/attendees', {
      event,
      registrations,
      stats: await AttendeeService.stats(event),
      zone: zoneOf(auth.user, event.timezone),
    })
  }

  async export({ params, bouncer, response }: HttpContext) {
    const event = await AttendeesController.find(params.id, bouncer)
    response.header('Content-Type', 'text/csv; charset=utf-8')
    response.header(
      'Content-Disposition',
      contentDisposition(`event-${event.id}-attendees.csv`, { type: 'attachment' })
    )
    response.header('Cache-Control', 'private, no-store')
    return response.send(await AttendeeService.csv(event))
  }

  async approve(ctx: HttpContext) {
    return AttendeesController.#decide(ctx, 'approve')
  }

  async decline(ctx: HttpContext) {
    return AttendeesController.#decide(ctx, 'decline')
  }

  static async #decide(ctx: HttpContext, decision: 'approve' | 'decline') {
    const { params, bouncer, auth, session, response } = ctx
    const event = await AttendeesController.find(params.id, bouncer)
    const registration = await EventRegistration.query()
      .where({ id: params.registrationId, event_id: event.id, status: 'pending' })
      .preload('user')
      .first()
    if (!registration) throw notFound()
    if (decision === 'approve') {
      const result = await RegistrationService.approve(registration)
      session.flash(
        'success',
        result?.status === 'waitlisted'
          ? 'Approved; the event is full, so the request is on the waitlist.'
          : 'Approved and registered.'
      )
    } else {
      await RegistrationService.decline(registration)
      session.flash('success', 'The request was declined.')
    }
    await AuditLogService.record(
      {
        action:
          decision === 'approve' ? 'event.registration_approved' : 'event.registration_declined',
        actor: auth.getUserOrFail(),
        subject: registration.user,
        meta: { eventId: event.id, registrationId: registration.id },
      },
      ctx
    )
    return response.redirect().toRoute('event_attendees.index', { id: event.id })
  }

  static async find(id: string | number, bouncer: HttpContext['bouncer']) {
    const event = await Event.find(id)
    if (!event || (await bouncer.with(EventPolicy).denies('manageAttendees', event))) {
      throw notFound()
    }
    return event
  }
}
