import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { EventReminderSchema } from '#database/schema'
import EventRegistration from '#models/event_registration'

/**
 * One reminder for one registration and one start time; the unique key makes it exactly once.
 */
export default class EventReminder extends EventReminderSchema {
  @belongsTo(() => EventRegistration, { foreignKey: 'registrationId' })
  declare registration: BelongsTo<typeof EventRegistration>
}
