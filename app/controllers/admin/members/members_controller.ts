import type { HttpContext } from '@adonisjs/core/http'
import Badge from '#models/badge'
import MemberBadge from '#models/member_badge'
import { MEMBERSHIP_STATUSES } from '#models/membership'
import MembershipType from '#models/membership_type'
import { ROLES } from '#models/user'
import BadgePolicy from '#policies/badge_policy'
import MembershipPolicy from '#policies/membership_policy'
import UserPolicy from '#policies/user_policy'
import MemberAdminService from '#services/members/member_admin_service'
import { ALLOWED_TRANSITIONS } from '#services/members/transitions'
import { memberFiltersValidator } from '#validators/members'
import { fieldErrors } from '#validators/field_errors'

/** The board's member list (search, filters, bulk selection) and a member's file. */
export default class MembersController {
  async index({ bouncer, request, response, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewAny')
    const [error, filters] = await request.tryValidateUsing(memberFiltersValidator, {
      data: request.qs(),
    })
    if (error) response.status(422)
    const applied = filters ?? {}
    const members = await MemberAdminService.list(applied)
    members.baseUrl(request.url()).queryString({
      q: applied.q,
      status: applied.status,
      type: applied.type,
      badge: applied.badge,
    })
    return view.render('pages/admin/members/index', {
      members,
      filters: applied,
      filterErrors: error ? fieldErrors(error) : {},
      statuses: MEMBERSHIP_STATUSES,
      types: await MembershipType.query().orderBy('position'),
      badges: await Badge.query().orderBy('name'),
    })
  }

  async show({ bouncer, params, view }: HttpContext) {
    const { membership, history } = await MemberAdminService.detail(params.id)
    const policy = bouncer.with(MembershipPolicy)
    await policy.authorize('view', membership)
    const awards = await MemberBadge.query()
      .where('user_id', membership.userId)
      .preload('badge')
      .preload('awardedBy')
      .orderBy('awarded_at', 'desc')
    return view.render('pages/admin/members/show', {
      membership,
      history,
      awards,
      badges: await Badge.query().orderBy('name'),
      roles: ROLES,
      nextStatuses: ALLOWED_TRANSITIONS[membership.status],
      can: {
        changeStatus: await policy.allows('changeStatus', membership),
        recordRenewal: await policy.allows('recordRenewal', membership),
        award: await bouncer.with(BadgePolicy).allows('award'),
        changeRole: await bouncer.with(UserPolicy).allows('changeRole', membership.user),
      },
    })
  }
}
