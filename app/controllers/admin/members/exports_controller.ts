import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Badge from '#models/badge'
import { MEMBERSHIP_STATUSES } from '#models/membership'
import MembershipType from '#models/membership_type'
import MembershipPolicy from '#policies/membership_policy'
import { COLUMN_LABELS, EXPORT_COLUMNS, PRIVATE_COLUMNS } from '#services/members/export_columns'
import MemberExportService from '#services/members/member_export_service'
import { exportValidator } from '#validators/members'

/** The members CSV: a form to choose columns and filters, then the streamed file. */
export default class ExportsController {
  async create({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('export')
    return view.render('pages/admin/members/export', {
      columns: EXPORT_COLUMNS,
      labels: COLUMN_LABELS,
      privateColumns: auth.getUserOrFail().isAdmin ? [] : PRIVATE_COLUMNS,
      statuses: MEMBERSHIP_STATUSES,
      types: await MembershipType.query().orderBy('position'),
      badges: await Badge.query().orderBy('name'),
      filters: request.qs(),
    })
  }

  async show(ctx: HttpContext) {
    const { auth, bouncer, request, response } = ctx
    await bouncer.with(MembershipPolicy).authorize('export')
    const qs = request.qs()
    const { columns, ...filters } = await request.validateUsing(exportValidator, {
      data: { ...qs, columns: qs.columns === undefined ? [] : [qs.columns].flat() },
    })
    const stream = await MemberExportService.stream(auth.getUserOrFail(), columns, filters, ctx)
    response.header('content-type', 'text/csv; charset=utf-8')
    response.attachment(`members-${DateTime.utc().toFormat('yyyy-MM-dd')}.csv`)
    response.header('cache-control', 'no-store')
    return response.stream(stream)
  }
}
