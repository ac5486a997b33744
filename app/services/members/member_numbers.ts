import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'

/**
 * Member numbers per year ("2026-0042"): the year's counter row is bumped with a single
 * `update ... set last_value = last_value + 1`, which both databases serialise, so two
 * approvals at once never get the same number.
 */
export default class MemberNumbers {
  static async next(trx: QueryClientContract, year = DateTime.utc().year) {
    await trx
      .knexQuery()
      .table('membership_number_counters')
      .insert({ year, last_value: 0 })
      .onConflict('year')
      .ignore()
    await trx.from('membership_number_counters').where('year', year).increment('last_value', 1)
    const row = await trx
      .from('membership_number_counters')
      .where('year', year)
      .select('last_value')
      .firstOrFail()
    return `${year}-${String(row.last_value).padStart(4, '0')}`
  }
}
