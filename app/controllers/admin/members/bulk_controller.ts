import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import MembershipPolicy from '#policies/membership_policy'
import BadgePolicy from '#policies/badge_policy'
import BulkService, { type BulkAction } from '#services/members/bulk_service'
import { auditOrigin } from '#services/audit/audit_log_service'
import ApplyBulkAction from '#jobs/members/apply_bulk_action'
import { bulkValidator } from '#validators/members'

/**
 * Bulk actions on selected members. The first post shows what will happen to whom; only the
 * confirmation (same form with `confirmed`) acts, through a queued job that reports by mail.
 */
export default class BulkController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session, view } = ctx
    await bouncer.with(MembershipPolicy).authorize('bulk')
    const input = await request.validateUsing(bulkValidator)
    if (input.action === 'badge') await bouncer.with(BadgePolicy).authorize('award')
    const memberships = await BulkService.load(input.ids)
    if (memberships.length === 0) {
      session.flash('error', 'Select at least one member.')
      return response.redirect().toRoute('admin.members.index')
    }
    const action = BulkController.#action(input)

    if (!input.confirmed) {
      return view.render('pages/admin/members/bulk_confirm', {
        memberships,
        input,
        badge: input.badgeId ? await Badge.find(input.badgeId) : null,
      })
    }

    await ApplyBulkAction.dispatch({
      membershipIds: memberships.map((membership) => membership.id),
      action,
      actorId: auth.getUserOrFail().id,
      origin: auditOrigin(ctx),
    })
    const count = `${memberships.length} member${memberships.length === 1 ? '' : 's'}`
    session.flash(
      'success',
      `Applying this to ${count}. You will receive a report by email when it is done.`
    )
    return response.redirect().toRoute('admin.members.index')
  }

  static #action(input: Awaited<ReturnType<typeof bulkValidator.validate>>): BulkAction {
    if (input.action === 'status') {
      return { action: 'status', status: input.status!, reason: input.reason! }
    }
    if (input.action === 'badge') {
      return { action: 'badge', badgeId: input.badgeId!, note: input.note ?? null }
    }
    return { action: 'message', subject: input.subject!, body: input.body! }
  }
}
