import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import BadgePolicy from '#policies/badge_policy'
import { fieldErrors, type FieldErrors } from '#validators/field_errors'
import BadgeService from '#services/members/badge_service'
import { badgeValidator } from '#validators/members'

/** Admins define the badges the board can award. */
export default class BadgesController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(BadgePolicy).authorize('manage')
    const badges = await Badge.query().withCount('awards').orderBy('name')
    return view.render('pages/admin/members/badges/index', { badges })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('manage')
    const input = await request.validateUsing(badgeValidator, { meta: { id: null } })
    await BadgeService.save(null, input, auth.getUserOrFail(), ctx)
    session.flash('success', `Badge “${input.name}” created.`)
    return response.redirect().toRoute('admin.badges.index')
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(BadgePolicy).authorize('manage')
    const badge = await Badge.findOrFail(ctx.params.id)
    return BadgesController.#renderEdit(ctx, badge)
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('manage')
    const badge = await Badge.findOrFail(params.id)
    const [error, input] = await request.tryValidateUsing(badgeValidator, {
      meta: { id: badge.id },
    })
    if (error) return BadgesController.#renderEdit(ctx, badge, fieldErrors(error))
    await BadgeService.save(badge, input, auth.getUserOrFail(), ctx)
    session.flash('success', `Badge “${input.name}” saved.`)
    return response.redirect().toRoute('admin.badges.index')
  }

  /** The edit form; after a refused submission, with the messages and what was typed (422). */
  static #renderEdit(ctx: HttpContext, badge: Badge, errors?: FieldErrors) {
    const { request, response, view } = ctx
    if (errors) response.status(422)
    view.share({ inputErrors: errors })
    const values = errors
      ? request.only(['name', 'icon', 'description'])
      : { name: badge.name, icon: badge.icon, description: badge.description ?? '' }
    return view.render('pages/admin/members/badges/edit', { badge, values })
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('manage')
    const badge = await Badge.findOrFail(params.id)
    await BadgeService.destroy(badge, auth.getUserOrFail(), ctx)
    session.flash('success', `Badge “${badge.name}” deleted.`)
    return response.redirect().toRoute('admin.badges.index')
  }
}
