import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import { EventRegistrationSchema } from '#database/schema'
import Event from '#models/event'
import User from '#models/user'

/**
 * registered: holds 1 + guests seats. waitlisted: in line by `waitlisted_at`. pending: waits
 * for the organiser's approval. declined and cancelled keep the row (and the ticket code) so a
 * person can register again later.
 */
export const REGISTRATION_STATUSES = [
  'registered',
  'waitlisted',
  'pending',
  'declined',
  'cancelled',
] as const
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number]

export type RegistrationAnswers = Record<string, string>

export default class EventRegistration extends EventRegistrationSchema {
  declare status: RegistrationStatus

  // Stored as JSON text; typed loosely because the generated schema declares the raw string.
  @column({
    prepare: (value: RegistrationAnswers | null) => (value ? JSON.stringify(value) : null),
    consume: (value: string | null) => (value ? JSON.parse(value) : {}),
  })
  declare answers: any

  @belongsTo(() => Event, { foreignKey: 'eventId' })
  declare event: BelongsTo<typeof Event>

  @belongsTo(() => User, { foreignKey: 'userId' })
  declare user: BelongsTo<typeof User>

  get seats() {
    return 1 + this.guests
  }

  get isActive() {
    return ['registered', 'waitlisted', 'pending'].includes(this.status)
  }
}
