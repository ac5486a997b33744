import { DateTime } from 'luxon'
import type User from '#models/user'
import Event from '#models/event'
import EventRegistration from '#models/event_registration'
import { sqlTime } from '#services/database/sql_time'

const EVENTS_PER_PAGE = 20

/**
 * Reading events: lists, the month calendar, feeds. Every query starts from `Event.visibleTo`.
 */
export default class EventQuery {
  static visible(user: User | null) {
    return Event.query().withScopes((scopes) => scopes.visibleTo(user))
  }

  static list(
    user: User | null,
    options: { when: 'upcoming' | 'past'; category?: string; page: number }
  ) {
    const now = sqlTime(DateTime.utc())
    const query = EventQuery.visible(user)
    if (options.when === 'past') {
      query.where('ends_at', '<=', now).orderBy('starts_at', 'desc')
    } else {
      query.where('ends_at', '>', now).orderBy('starts_at', 'asc')
    }
    if (options.category) query.where('category', options.category)
    return query.orderBy('id', 'asc').paginate(options.page, EVENTS_PER_PAGE)
  }

  static async categories(user: User | null) {
    const rows = await EventQuery.visible(user)
      .whereNotNull('category')
      .distinct('category')
      .orderBy('category', 'asc')
    return rows.map((row) => row.category as string)
  }

  /**
   * The weeks (Monday first) of one month in the viewer's zone, each day with its events.
   */
  static async month(user: User | null, month: DateTime, zone: string) {
    const first = month.setZone(zone).startOf('month')
    const gridStart = first.startOf('week')
    const gridEnd = first.endOf('month').endOf('week')
    const events = await EventQuery.visible(user)
      .where('starts_at', '>=', sqlTime(gridStart))
      .where('starts_at', '<=', sqlTime(gridEnd))
      .orderBy('starts_at', 'asc')
      .limit(500)
    const weeks: { date: DateTime; inMonth: boolean; events: Event[] }[][] = []
    for (let day = gridStart; day <= gridEnd; day = day.plus({ days: 1 })) {
      if (day.weekday === 1) weeks.push([])
      weeks[weeks.length - 1].push({
        date: day,
        inMonth: day.month === first.month,
        events: events.filter((event) => event.startsAt.setZone(zone).hasSame(day, 'day')),
      })
    }
    return { first, weeks }
  }

  /** The public feed: public, published or cancelled events from the last 90 days on. */
  static publicFeed() {
    return EventQuery.visible(null)
      .where('starts_at', '>=', sqlTime(DateTime.utc().minus({ days: 90 })))
      .orderBy('starts_at', 'asc')
      .limit(1000)
  }

  /**
   * A member's feed: events they are registered, waitlisted or pending for, plus (if chosen)
   * every members-only event they may see. Still filtered by what they may see today.
   */
  static personalFeed(user: User, includeMembersEvents: boolean) {
    return EventQuery.visible(user)
      .where('starts_at', '>=', sqlTime(DateTime.utc().minus({ days: 90 })))
      .where((query) => {
        query.whereIn(
          'events.id',
          EventRegistration.query()
            .where('user_id', user.id)
            .whereIn('status', ['registered', 'waitlisted', 'pending'])
            .select('event_id')
        )
        if (includeMembersEvents) query.orWhere('events.visibility', 'members')
      })
      .orderBy('starts_at', 'asc')
      .limit(1000)
  }

  /**
   * For the dashboard: the next events the member is registered or waitlisted for.
   */
  static myUpcoming(user: User, limit = 3) {
    return EventRegistration.query()
      .where('event_registrations.user_id', user.id)
      .whereIn('event_registrations.status', ['registered', 'waitlisted', 'pending'])
      .whereHas('event', (events) => {
        events
          .withScopes((scopes) => scopes.visibleTo(user))
          .where('events.ends_at', '>', sqlTime(DateTime.utc()))
      })
      .preload('event')
      .join('events', 'events.id', 'event_registrations.event_id')
      .orderBy('events.starts_at', 'asc')
      .select('event_registrations.*')
      .limit(limit)
  }

  static registrationOf(event: Event, user: User | null) {
    if (!user) return null
    return EventRegistration.query().where({ event_id: event.id, user_id: user.id }).first()
  }
}
