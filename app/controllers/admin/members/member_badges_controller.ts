import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import Membership from '#models/membership'
import User from '#models/user'
import BadgePolicy from '#policies/badge_policy'
import BadgeService from '#services/members/badge_service'
import { awardValidator } from '#validators/members'

/** The board awards and revokes a member's badges from the member's file. */
export default class MemberBadgesController {
  async store(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('award')
    const membership = await Membership.findOrFail(params.id)
    const { badgeId, note } = await request.validateUsing(awardValidator)
    const badge = await Badge.find(badgeId)
    if (!badge) {
      session.flash('inputErrorsBag', { badgeId: ['Choose a badge from the list.'] })
      session.flash('error', 'Choose a badge from the list.')
      return response.redirect().toRoute('admin.members.show', { id: membership.id })
    }
    const member = await User.findOrFail(membership.userId)
    const awarded = await BadgeService.award(badge, member, auth.getUserOrFail(), note ?? null, ctx)
    session.flash(
      awarded ? 'success' : 'notice',
      awarded
        ? `${badge.name} awarded to ${member.name}.`
        : `${member.name} already holds ${badge.name}.`
    )
    return response.redirect().toRoute('admin.members.show', { id: membership.id })
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    await bouncer.with(BadgePolicy).authorize('award')
    const membership = await Membership.findOrFail(params.id)
    const badge = await Badge.findOrFail(params.badgeId)
    const member = await User.findOrFail(membership.userId)
    const note = String(request.input('note', '')).trim().slice(0, 500) || null
    await BadgeService.revoke(badge, member, auth.getUserOrFail(), note, ctx)
    session.flash('success', `${badge.name} revoked.`)
    return response.redirect().toRoute('admin.members.show', { id: membership.id })
  }
}
