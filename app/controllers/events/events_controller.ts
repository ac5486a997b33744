import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { association } from '#config/app'
import Event, { EVENT_ELIGIBILITIES, EVENT_VISIBILITIES } from '#models/event'
import EventPolicy from '#policies/event_policy'
import EventQuery from '#services/events/event_query'
import EventService from '#services/events/event_service'
import RegistrationService from '#services/events/registration_service'
import { EventRuleError } from '#services/events/event_errors'
import { eventLinks } from '#services/events/event_links'
import ImageUploadService, {
  MAX_IMAGE_SIZE,
  UploadRejectedError,
} from '#services/uploads/image_upload_service'
import { sendImage } from '#services/uploads/image_response'
import { zoneOf } from '#models/user'
import {
  calendarValidator,
  cancelEventValidator,
  eventListValidator,
  eventValidator,
} from '#validators/events'
import { notFound } from '#exceptions/not_found'

/**
 * Event pages (list, month calendar, event page, cover image) and the board's editing.
 */
export default class EventsController {
  async index({ request, auth, view }: HttpContext) {
    const [error, filters] = await request.tryValidateUsing(eventListValidator)
    const when = error ? 'upcoming' : (filters.when ?? 'upcoming')
    const category = error ? '' : (filters.category ?? '')
    const page = error ? 1 : (filters.page ?? 1)
    const user = auth.user ?? null
    const events = await EventQuery.list(user, { when, category, page })
    events.baseUrl(request.url())
    events.queryString({ ...(when === 'past' ? { when } : {}), ...(category ? { category } : {}) })
    return view.render('pages/events/index', {
      events,
      when,
      category,
      categories: await EventQuery.categories(user),
      zone: zoneOf(user),
      ...EventsController.#feedLinks(),
    })
  }

  async calendar({ request, auth, view }: HttpContext) {
    const [error, filters] = await request.tryValidateUsing(calendarValidator)
    const user = auth.user ?? null
    const zone = zoneOf(user)
    const month =
      !error && filters.month
        ? DateTime.fromFormat(filters.month, 'yyyy-MM', { zone })
        : DateTime.now().setZone(zone)
    const { first, weeks } = await EventQuery.month(user, month, zone)
    return view.render('pages/events/calendar', {
      first,
      weeks,
      zone,
      previous: first.minus({ months: 1 }).toFormat('yyyy-MM'),
      next: first.plus({ months: 1 }).toFormat('yyyy-MM'),
      ...EventsController.#feedLinks(),
    })
  }

  async show({ params, auth, bouncer, view }: HttpContext) {
    const event = await EventsController.find(params.id, bouncer)
    await event.load((loader) => loader.load('questions').load('organiser'))
    const user = auth.user ?? null
    const registration = await EventQuery.registrationOf(event, user)
    return view.render('pages/events/show', {
      event,
      registration,
      waitlistPosition: registration
        ? await RegistrationService.waitlistPosition(registration)
        : null,
      ineligible: user ? RegistrationService.eligibilityError(event, user) : null,
      canManage: user ? await bouncer.with(EventPolicy).allows('manageAttendees', event) : false,
      canEdit: user ? await bouncer.with(EventPolicy).allows('update', event) : false,
      zone: zoneOf(user, event.timezone),
      ...EventsController.#feedLinks(),
    })
  }

  async cover({ params, bouncer, response }: HttpContext) {
    const event = await EventsController.find(params.id, bouncer)
    const bytes = event.coverImageKey ? await ImageUploadService.read(event.coverImageKey) : null
    if (!bytes) throw notFound()
    // A draft already carries the visibility it will be published with, yet only the board may
    // see it: only a published public event's cover may sit in shared caches.
    return sendImage(response, bytes, {
      scope: event.status === 'published' && event.visibility === 'public' ? 'public' : 'private',
      maxAge: 3600,
    })
  }

  async create({ bouncer, view }: HttpContext) {
    await bouncer.with(EventPolicy).authorize('create')
    return view.render('pages/events/form', EventsController.#formData(null))
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, auth, session, response } = ctx
    await bouncer.with(EventPolicy).authorize('create')
    const input = await request.validateUsing(eventValidator)
    try {
      const event = await EventService.create(
        input,
        EventsController.#cover(ctx),
        auth.getUserOrFail(),
        ctx
      )
      session.flash('success', 'The event was saved.')
      return response.redirect().toRoute('events.show', { id: event.id })
    } catch (error) {
      return EventsController.#backWithError(ctx, error)
    }
  }

  async edit({ params, bouncer, view }: HttpContext) {
    const event = await Event.query().where('id', params.id).preload('questions').first()
    if (!event) throw notFound()
    await bouncer.with(EventPolicy).authorize('update', event)
    return view.render('pages/events/form', EventsController.#formData(event))
  }

  async update(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const event = await Event.find(params.id)
    if (!event) throw notFound()
    await bouncer.with(EventPolicy).authorize('update', event)
    const input = await request.validateUsing(eventValidator)
    try {
      await EventService.update(
        event,
        input,
        EventsController.#cover(ctx),
        auth.getUserOrFail(),
        ctx
      )
    } catch (error) {
      return EventsController.#backWithError(ctx, error)
    }
    session.flash('success', 'The event was saved.')
    return response.redirect().toRoute('events.show', { id: event.id })
  }

  async cancel(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const event = await Event.find(params.id)
    if (!event) throw notFound()
    await bouncer.with(EventPolicy).authorize('cancel', event)
    const { message } = await request.validateUsing(cancelEventValidator)
    try {
      await EventService.cancel(event, message, auth.getUserOrFail(), ctx)
    } catch (error) {
      return EventsController.#backWithError(ctx, error)
    }
    session.flash('success', 'The event was cancelled and everyone registered is being told.')
    return response.redirect().toRoute('events.show', { id: event.id })
  }

  /**
   * The event if the viewer may see it; otherwise the same 404 as for one that does not exist.
   */
  static async find(id: string | number, bouncer: HttpContext['bouncer']) {
    const event = await Event.find(id)
    if (!event || (await bouncer.with(EventPolicy).denies('view', event))) throw notFound()
    return event
  }

  static #feedLinks() {
    const feedUrl = eventLinks.publicFeed()
    return { feedUrl, webcalUrl: eventLinks.webcal(feedUrl) }
  }

  static #formData(event: Event | null) {
    const zone = event?.timezone ?? association.timezone
    const local = (value: DateTime | null | undefined) =>
      value ? value.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") : ''
    return {
      event,
      visibilities: EVENT_VISIBILITIES,
      eligibilities: EVENT_ELIGIBILITIES,
      timezones: Intl.supportedValuesOf('timeZone'),
      values: event
        ? {
            startsAt: local(event.startsAt),
            endsAt: local(event.endsAt),
            registrationDeadline: local(event.registrationDeadline),
            reminderHours: event.reminderMinutes / 60,
            questions: event.questions
              .map((question) => `${question.required ? '*' : ''}${question.label}`)
              .join('\n'),
          }
        : { startsAt: '', endsAt: '', registrationDeadline: '', reminderHours: 24, questions: '' },
      defaultZone: zone,
    }
  }

  static #cover({ request }: HttpContext) {
    return request.file('cover', { size: MAX_IMAGE_SIZE }) ?? null
  }

  static #backWithError({ session, response }: HttpContext, error: unknown) {
    if (error instanceof EventRuleError || error instanceof UploadRejectedError) {
      const field = error instanceof EventRuleError ? error.field : 'cover'
      session.flashAll()
      session.flash('inputErrorsBag', { [field]: [error.message] })
      session.flash('error', error.message)
      return response.redirect().back()
    }
    throw error
  }
}
