import { column } from '@adonisjs/lucid/orm'
import { EventQuestionSchema } from '#database/schema'

/**
 * A simple question the organiser asks every registrant (e.g. dietary needs).
 */
export default class EventQuestion extends EventQuestionSchema {
  // SQLite hands booleans back as 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare required: boolean
}
