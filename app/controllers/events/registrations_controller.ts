import type { HttpContext } from '@adonisjs/core/http'
import EventPolicy from '#policies/event_policy'
import EventsController from '#controllers/events/events_controller'
import EventQuery from '#services/events/event_query'
import RegistrationService from '#services/events/registration_service'
import { EventRuleError } from '#services/events/event_errors'
import { registrationValidator } from '#validators/events'
import { notFound } from '#exceptions/not_found'

const OUTCOME: Record<string, string> = {
  registered: 'You are registered. A confirmation with a calendar file is on its way.',
  waitlisted: 'The event is full: you are on the waitlist and will be emailed if a seat frees up.',
  pending: 'Your request was sent. The organiser will confirm it.',
}

/**
 * Registering for an event and cancelling one's own registration.
 */
export default class RegistrationsController {
  async store(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const event = await EventsController.find(params.id, bouncer)
    if (await bouncer.with(EventPolicy).denies('register', event)) throw notFound()
    const input = await request.validateUsing(registrationValidator)
    try {
      const registration = await RegistrationService.register(event, auth.getUserOrFail(), {
        guests: input.guests ?? 0,
        answers: (input.answers ?? {}) as Record<string, string>,
      })
      session.flash('success', OUTCOME[registration.status] ?? 'Saved.')
    } catch (error) {
      if (!(error instanceof EventRuleError)) throw error
      session.flashAll()
      session.flash('inputErrorsBag', { [error.field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect().toRoute('events.show', { id: event.id })
    }
    return response.redirect().toRoute('events.show', { id: event.id })
  }

  async destroy({ params, bouncer, auth, session, response }: HttpContext) {
    const event = await EventsController.find(params.id, bouncer)
    const registration = await EventQuery.registrationOf(event, auth.getUserOrFail())
    if (registration?.isActive) {
      await RegistrationService.cancel(registration)
      session.flash('success', 'Your registration was cancelled.')
    }
    return response.redirect().toRoute('events.show', { id: event.id })
  }
}
