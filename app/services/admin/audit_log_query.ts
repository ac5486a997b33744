import { DateTime } from 'luxon'
import AuditLog from '#models/audit_log'
import type { AuditAction } from '#services/audit/audit_log_service'

export interface AuditFilters {
  action?: AuditAction
  actor?: string
  subject?: string
  from?: Date
  to?: Date
  page?: number
}

export const AUDIT_PER_PAGE = 50

/** A date picked in a form (a calendar day, no zone) as that day's bounds in `zone`. */
function dayIn(date: Date, zone: string) {
  return DateTime.fromObject(
    { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() },
    { zone }
  )
}

/**
 * The audit trail as admins browse it: newest first, filtered by action, by who acted and on
 * whom (email fragments), and by calendar days in the admin's own time zone.
 */
export default class AuditLogQuery {
  static recent(limit = 10) {
    return AuditLog.query()
      .preload('actor')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
  }

  static browse(filters: AuditFilters, zone: string) {
    const query = AuditLog.query()
      .preload('actor')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
    if (filters.action) query.where('action', filters.action)
    if (filters.actor) {
      const term = `%${filters.actor}%`
      query.whereHas('actor', (actor) => actor.whereILike('email', term))
    }
    if (filters.subject) query.whereILike('subject_email', `%${filters.subject}%`)
    // Timestamps are compared in the dialect's own storage format (text on SQLite).
    const stored = (value: DateTime) => value.toUTC().toFormat(query.client.dialect.dateTimeFormat)
    if (filters.from) query.where('created_at', '>=', stored(dayIn(filters.from, zone)))
    if (filters.to)
      query.where('created_at', '<', stored(dayIn(filters.to, zone).plus({ days: 1 })))
    return query.paginate(filters.page ?? 1, AUDIT_PER_PAGE)
  }
}
