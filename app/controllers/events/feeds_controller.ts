import { createHash } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import contentDisposition from 'content-disposition'
import { association } from '#config/app'
import type Event from '#models/event'
import User from '#models/user'
import EventsController from '#controllers/events/events_controller'
import CalendarService from '#services/events/calendar_service'
import EventQuery from '#services/events/event_query'
import FeedTokenService from '#services/events/feed_token_service'
import { eventLinks } from '#services/events/event_links'
import { feedTokenValidator } from '#validators/events'
import { notFound } from '#exceptions/not_found'

/**
 * iCalendar: one event's .ics download, the public feed, each member's secret-URL feed (and the
 * page where they make or replace that URL). Feeds answer conditional requests with 304 so
 * calendar apps can poll often and cheaply.
 */
export default class FeedsController {
  async event({ params, bouncer, request, response }: HttpContext) {
    const event = await EventsController.find(params.id, bouncer)
    response.header(
      'Content-Disposition',
      contentDisposition(`event-${event.id}.ics`, { type: 'attachment' })
    )
    return FeedsController.#send({ request, response }, [event], event.title, 'private')
  }

  async public({ request, response }: HttpContext) {
    const events = await EventQuery.publicFeed()
    return FeedsController.#send(
      { request, response },
      events,
      `${association.name} events`,
      'public'
    )
  }

  async personal({ params, request, response }: HttpContext) {
    const token = await FeedTokenService.find(String(params.token))
    const user = token ? await User.find(token.userId) : null
    if (!token || !user || !user.canSignIn) throw notFound()
    const events = await EventQuery.personalFeed(user, token.includeMembersEvents)
    response.header('X-Robots-Tag', 'noindex')
    return FeedsController.#send(
      { request, response },
      events,
      `${association.name}: my events`,
      'private'
    )
  }

  async edit({ auth, view, session }: HttpContext) {
    const token = await FeedTokenService.forUser(auth.getUserOrFail())
    const feedUrl = session.flashMessages.get('feedToken')
      ? eventLinks.personalFeed(session.flashMessages.get('feedToken'))
      : null
    return view.render('pages/events/feed_settings', {
      token,
      feedUrl,
      webcalUrl: feedUrl ? eventLinks.webcal(feedUrl) : null,
    })
  }

  async regenerate({ auth, request, session, response }: HttpContext) {
    const { includeMembersEvents } = await request.validateUsing(feedTokenValidator)
    const user = auth.getUserOrFail()
    const secret = await FeedTokenService.regenerate(user, user.isMember && !!includeMembersEvents)
    // Shown once on the next page; only its hash is stored.
    session.flash('feedToken', secret)
    session.flash('success', 'Your new calendar link is ready. The previous link no longer works.')
    return response.redirect().toRoute('event_feeds.edit')
  }

  async revoke({ auth, session, response }: HttpContext) {
    await FeedTokenService.revoke(auth.getUserOrFail())
    session.flash('success', 'Your calendar link was turned off.')
    return response.redirect().toRoute('event_feeds.edit')
  }

  static #send(
    { request, response }: Pick<HttpContext, 'request' | 'response'>,
    events: Event[],
    name: string,
    cache: 'public' | 'private'
  ) {
    const body = CalendarService.render(events, name)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    const lastModified = CalendarService.lastModified(events)
    response.header('Content-Type', 'text/calendar; charset=utf-8')
    response.header('Cache-Control', `${cache}, max-age=300`)
    response.header('ETag', etag)
    response.header('Last-Modified', lastModified.toHTTP()!)
    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110, 13.2.2).
    const ifNoneMatch = request.header('if-none-match')
    const ifModifiedSince = request.header('if-modified-since')
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
      : !!ifModifiedSince && Date.parse(ifModifiedSince) >= lastModified.toMillis()
    if (notModified) return response.status(304).send('')
    return response.send(body)
  }
}
