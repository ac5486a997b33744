import type { HttpContext } from '@adonisjs/core/http'
import string from '@adonisjs/core/helpers/string'
import MembershipType from '#models/membership_type'
import MembershipPolicy from '#policies/membership_policy'
import AuditLogService from '#services/audit/audit_log_service'
import { membershipTypeValidator } from '#validators/members'

/** Admins define the membership types: fee, duration, grace period, approval and seats. */
export default class MembershipTypesController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('manageTypes')
    const types = await MembershipType.query().withCount('memberships').orderBy('position')
    return view.render('pages/admin/members/types/index', { types })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(MembershipPolicy).authorize('manageTypes')
    return MembershipTypesController.#save(ctx, new MembershipType())
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.with(MembershipPolicy).authorize('manageTypes')
    return MembershipTypesController.#save(ctx, await MembershipType.findOrFail(ctx.params.id))
  }

  static async #save(ctx: HttpContext, type: MembershipType) {
    const { auth, request, response, session } = ctx
    const input = await request.validateUsing(membershipTypeValidator, {
      meta: { id: type.$isPersisted ? type.id : null },
    })
    type.merge({
      name: input.name,
      slug: string.slug(input.name, { lower: true, strict: true }),
      description: input.description ?? null,
      feeAmount: Math.round(input.fee * 100),
      currency: input.currency.toUpperCase(),
      durationMonths: input.durationMonths ?? null,
      graceDays: input.graceDays,
      requiresApproval: Boolean(input.requiresApproval),
      seats: input.seats,
    })
    if (!type.$isPersisted) {
      const last = await MembershipType.query().max('position as max').first()
      type.position = Number(last?.$extras.max ?? 0) + 1
    }
    await type.save()
    await AuditLogService.record(
      {
        action: 'membership_type.saved',
        actor: auth.getUserOrFail(),
        meta: { typeId: type.id, name: type.name },
      },
      ctx
    )
    session.flash('success', `Membership type “${type.name}” saved.`)
    return response.redirect().toRoute('admin.membership_types.index')
  }
}
