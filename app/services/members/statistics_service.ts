import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { DateTime } from 'luxon'
import { MEMBERSHIP_STATUSES, GOOD_STANDING } from '#models/membership'

export interface MonthPoint {
  month: string
  members: number
}

/**
 * The numbers on the statistics page. "Members over time" is rebuilt from the history: at the
 * end of each month, everyone whose latest status change so far put them in good standing.
 */
export default class StatisticsService {
  static async summary(now: DateTime = DateTime.utc()) {
    const monthStart = now.startOf('month')
    const byStatusRows = await db
      .from('memberships')
      .select('status')
      .count('* as total')
      .groupBy('status')
    const byStatus = Object.fromEntries(MEMBERSHIP_STATUSES.map((status) => [status, 0]))
    for (const row of byStatusRows) byStatus[row.status] = Number(row.total)

    const byType = await db
      .from('membership_types')
      .leftJoin('memberships', (join) => {
        join
          .on('memberships.membership_type_id', 'membership_types.id')
          .onIn('memberships.status', GOOD_STANDING as string[])
      })
      .groupBy('membership_types.id', 'membership_types.name', 'membership_types.position')
      .orderBy('membership_types.position')
      .select('membership_types.id', 'membership_types.name')
      .count('memberships.id as total')

    const newThisMonth = await this.#countHistory(
      (query) =>
        query
          .where('to_status', 'active')
          .where((from) => from.whereNull('from_status').orWhere('from_status', 'pending')),
      monthStart
    )
    const lapsedThisMonth = await this.#countHistory(
      (query) => query.where('to_status', 'inactive'),
      monthStart
    )

    return {
      byStatus,
      byType: byType.map((row) => ({ id: row.id, name: row.name, total: Number(row.total) })),
      newThisMonth,
      lapsedThisMonth,
      overTime: await this.overTime(now),
    }
  }

  static async #countHistory(
    where: (query: DatabaseQueryBuilderContract) => void,
    since: DateTime
  ) {
    const row = await db
      .from('membership_history')
      .where('event', 'status_change')
      .where('created_at', '>=', since.toSQL()!)
      .where((query) => where(query))
      .countDistinct('membership_id as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /**
   * Members in good standing at the end of each of the last `months` months, from the history
   * (one query; the month buckets are folded in memory, a few thousand rows at most per month).
   */
  static async overTime(now: DateTime = DateTime.utc(), months = 12): Promise<MonthPoint[]> {
    const ends = Array.from({ length: months }, (_, index) =>
      now.minus({ months: months - 1 - index }).endOf('month')
    )
    const rows = await db
      .from('membership_history')
      .whereNotNull('to_status')
      .where('created_at', '<=', ends[ends.length - 1].toSQL()!)
      .orderBy('created_at')
      .orderBy('id')
      .select('membership_id', 'to_status', 'created_at')

    const current = new Map<number, string>()
    const points: MonthPoint[] = []
    let index = 0
    for (const end of ends) {
      for (; index < rows.length; index++) {
        const at =
          rows[index].created_at instanceof Date
            ? DateTime.fromJSDate(rows[index].created_at, { zone: 'utc' })
            : DateTime.fromSQL(String(rows[index].created_at), { zone: 'utc' })
        if (at > end) break
        current.set(Number(rows[index].membership_id), rows[index].to_status)
      }
      let members = 0
      for (const status of current.values()) {
        if ((GOOD_STANDING as readonly string[]).includes(status)) members++
      }
      points.push({ month: end.toFormat('yyyy-MM'), members })
    }
    return points
  }
}
