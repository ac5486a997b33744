import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { EventSerySchema } from '#database/schema'
import Event from '#models/event'

/**
 * A recurring series: the RRULE it was generated from. Each occurrence is its own event, with
 * its own registrations and capacity.
 */
export default class EventSeries extends EventSerySchema {
  static table = 'event_series'

  @hasMany(() => Event, { foreignKey: 'seriesId' })
  declare events: HasMany<typeof Event>
}
