import type { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A time in the exact text form Lucid stores for the current dialect, for raw SQL and bulk
 * updates: SQLite compares timestamps as text, so the format must match what is stored.
 */
export function sqlTime(value: DateTime) {
  return value.toUTC().toFormat(db.connection().dialect.dateTimeFormat)
}
