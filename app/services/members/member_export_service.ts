import { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { stringify } from 'csv-stringify'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import {
  COLUMN_LABELS,
  neutraliseCell,
  PRIVATE_COLUMNS,
  type ExportColumn,
} from '#services/members/export_columns'
import DirectoryQuery from '#services/members/directory_query'
import {
  applyMemberFilters,
  membersBaseQuery,
  type MemberFilters,
} from '#services/members/member_query'

const CHUNK = 1000

type Row = Record<string, unknown>

function dateOnly(value: unknown) {
  if (!value) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).slice(0, 10)
}

/**
 * The members CSV. Rows are read in keyset chunks and written as they come, so 100,000 members
 * never sit in memory; every cell is neutralised against formula injection, and a board member
 * gets contact details only of members who show them.
 */
export default class MemberExportService {
  static async stream(
    actor: User,
    columns: ExportColumn[],
    filters: MemberFilters,
    ctx?: Pick<HttpContext, 'request'> | null
  ) {
    await AuditLogService.record(
      { action: 'membership.exported', actor, meta: { columns, filters } },
      ctx
    )
    const seesContacts = actor.isAdmin
    const rows = this.#rows(columns, filters, seesContacts)
    const csv = stringify({
      header: true,
      columns: columns.map((key) => ({ key, header: COLUMN_LABELS[key] })),
    })
    const source = Readable.from(rows)
    // A failing query must end the download with an error, not leave it hanging.
    source.on('error', (error) => csv.destroy(error))
    return source.pipe(csv)
  }

  static async *#rows(columns: ExportColumn[], filters: MemberFilters, seesContacts: boolean) {
    const wantBadges = columns.includes('badges')
    let lastId = 0
    for (;;) {
      const query = membersBaseQuery()
        .leftJoin('member_profiles', 'member_profiles.user_id', 'memberships.user_id')
        .select(
          'memberships.id',
          'memberships.user_id',
          'memberships.member_number',
          'memberships.status',
          'memberships.started_on',
          'memberships.expires_on',
          'membership_types.name as type_name',
          'users.full_name',
          'users.display_name',
          'users.email',
          'users.phone',
          'users.show_email',
          'users.created_at as account_created',
          'member_profiles.institution',
          'member_profiles.position',
          'member_profiles.field',
          'member_profiles.country',
          'member_profiles.orcid',
          'member_profiles.website'
        )
        .where('memberships.id', '>', lastId)
        .orderBy('memberships.id')
        .limit(CHUNK)
      const batch: Row[] = await applyMemberFilters(query, filters)
      if (batch.length === 0) return
      lastId = Number(batch[batch.length - 1].id)
      const badges = wantBadges
        ? await DirectoryQuery.badgesOf(batch.map((row) => Number(row.user_id)))
        : null

      for (const row of batch) {
        const shows = seesContacts || Boolean(row.show_email)
        const values: Record<ExportColumn, string> = {
          member_number: String(row.member_number ?? ''),
          name: String(row.display_name || row.full_name || ''),
          email: String(row.email ?? ''),
          phone: String(row.phone ?? ''),
          status: String(row.status),
          type: String(row.type_name),
          started_on: dateOnly(row.started_on),
          expires_on: dateOnly(row.expires_on),
          institution: String(row.institution ?? ''),
          position: String(row.position ?? ''),
          field: String(row.field ?? ''),
          country: String(row.country ?? ''),
          orcid: String(row.orcid ?? ''),
          website: String(row.website ?? ''),
          badges:
            badges
              ?.get(Number(row.user_id))
              ?.map((badge) => badge.name)
              .join('; ') ?? '',
          account_created: dateOnly(row.account_created),
        }
        const out: Record<string, string> = {}
        for (const column of columns) {
          const hidden = !shows && PRIVATE_COLUMNS.includes(column)
          out[column] = hidden ? '' : neutraliseCell(values[column])
        }
        yield out
      }
      if (batch.length < CHUNK) return
    }
  }
}
