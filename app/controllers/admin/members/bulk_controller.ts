import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import MembershipPolicy from '#policies/membership_policy'
import BadgePolicy from '#policies/badge_policy'
import BulkService, { type BulkAction } from '#services/members/bulk_service'
import { bulkValidator } from '#validators/members'

/**
 * Bulk actions on selected members. The first post shows what will happen to whom; only the
 * confirmation (same form with `confirmed`) acts.
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

    const result = await BulkService.apply(memberships, action, auth.getUserOrFail(), ctx)
    const skipped = result.skipped.map((item) => `${item.name} (${item.reason})`).join(', ')
    session.flash(
      'success',
      `Done for ${result.done} member${result.done === 1 ? '' : 's'}.${skipped ? ` Skipped: ${skipped}.` : ''}`
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
