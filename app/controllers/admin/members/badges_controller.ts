import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import BadgePolicy from '#policies/badge_policy'
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
    const input = await request.validateUsing(badgeValidator)
    if (await Badge.findBy('name', input.name)) {
      session.flashAll()
      session.flash('inputErrorsBag', { name: ['A badge already has this name.'] })
      return response.redirect().toRoute('admin.badges.index')
    }
    await BadgeService.save(null, input, auth.getUserOrFail(), ctx)
    session.flash('success', `Badge “${input.name}” created.`)
    return response.redirect().toRoute('admin.badges.index')
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('manage')
    const badge = await Badge.findOrFail(params.id)
    const input = await request.validateUsing(badgeValidator)
    const clash = await Badge.query().where('name', input.name).whereNot('id', badge.id).first()
    if (clash) {
      session.flash('error', 'A badge already has this name.')
      return response.redirect().toRoute('admin.badges.index')
    }
    await BadgeService.save(badge, input, auth.getUserOrFail(), ctx)
    session.flash('success', `Badge “${input.name}” saved.`)
    return response.redirect().toRoute('admin.badges.index')
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
