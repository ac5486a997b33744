import { column } from '@adonisjs/lucid/orm'
import { CalendarFeedTokenSchema } from '#database/schema'

/**
 * The SHA-256 of a member's personal calendar feed secret; the secret itself is only ever in
 * the URL shown once to its owner.
 */
export default class CalendarFeedToken extends CalendarFeedTokenSchema {
  // SQLite hands booleans back as 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare includeMembersEvents: boolean
}
