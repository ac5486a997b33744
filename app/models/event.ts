import { DateTime } from 'luxon'
import { belongsTo, hasMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { EventSchema } from '#database/schema'
import User from '#models/user'
import EventQuestion from '#models/event_question'
import EventRegistration from '#models/event_registration'
import EventSeries from '#models/event_series'

export const EVENT_VISIBILITIES = ['public', 'members', 'board'] as const
export type EventVisibility = (typeof EVENT_VISIBILITIES)[number]

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

/**
 * Who may register: any verified signed-in account, members in good standing only, or anyone
 * signed in once the organiser approves the request.
 */
export const EVENT_ELIGIBILITIES = ['signed_in', 'members', 'approval'] as const
export type EventEligibility = (typeof EVENT_ELIGIBILITIES)[number]

/**
 * The visibility levels a viewer may see: visitors and non-members public events, verified
 * members also members-only ones, the board everything.
 */
export function eventVisibilitiesFor(user: User | null | undefined): EventVisibility[] {
  if (!user || !user.isVerified || !user.canSignIn || !user.isMember) return ['public']
  return user.isBoard ? ['public', 'members', 'board'] : ['public', 'members']
}

/**
 * An event. What a viewer may see is decided once, by `visibleTo`: published or cancelled
 * (cancelled events stay visible, marked as such) at a level the viewer has; the board also sees
 * drafts. Pages, the calendar, feeds, downloads and exports all use it.
 */
export default class Event extends EventSchema {
  declare visibility: EventVisibility
  declare status: EventStatus
  declare eligibility: EventEligibility

  @belongsTo(() => User, { foreignKey: 'organiserId' })
  declare organiser: BelongsTo<typeof User>

  @belongsTo(() => EventSeries, { foreignKey: 'seriesId' })
  declare series: BelongsTo<typeof EventSeries>

  @hasMany(() => EventQuestion, { foreignKey: 'eventId' })
  declare questions: HasMany<typeof EventQuestion>

  @hasMany(() => EventRegistration, { foreignKey: 'eventId' })
  declare registrations: HasMany<typeof EventRegistration>

  static visibleTo = scope((query, user: User | null | undefined) => {
    query.whereIn('events.visibility', eventVisibilitiesFor(user))
    if (!user || !eventVisibilitiesFor(user).includes('board')) {
      query.whereIn('events.status', ['published', 'cancelled'])
    }
  })

  get isCancelled() {
    return this.status === 'cancelled'
  }

  get isPast() {
    return this.endsAt <= DateTime.utc()
  }

  get hasStarted() {
    return this.startsAt <= DateTime.utc()
  }

  get seatsLeft(): number | null {
    if (this.capacity === null) return null
    return Math.max(0, this.capacity - this.seatsTaken)
  }

  /**
   * Why registration is closed, or null while it is open.
   */
  get registrationClosedReason(): string | null {
    if (this.status === 'cancelled') return 'This event has been cancelled.'
    if (this.status !== 'published') return 'This event is not published yet.'
    if (this.hasStarted) return 'This event has already started.'
    if (this.registrationDeadline && this.registrationDeadline <= DateTime.utc()) {
      return 'Registration closed at the deadline.'
    }
    return null
  }
}
