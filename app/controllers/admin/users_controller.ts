import type { HttpContext } from '@adonisjs/core/http'
import User, { ACCOUNT_STATUSES, ROLES } from '#models/user'
import UserPolicy from '#policies/user_policy'
import AccountAdminService from '#services/admin/account_admin_service'
import { userFiltersValidator } from '#validators/admin'
import { fieldErrors } from '#validators/field_errors'

export default class UsersController {
  async index({ bouncer, request, response, view }: HttpContext) {
    await bouncer.with(UserPolicy).authorize('viewAny')
    const [error, filters] = await request.tryValidateUsing(userFiltersValidator, {
      data: request.qs(),
    })
    if (error) response.status(422)
    const applied = filters ?? {}
    const users = await AccountAdminService.list(applied)
    users
      .baseUrl(request.url())
      .queryString({ q: applied.q, role: applied.role, status: applied.status })
    return view.render('pages/admin/users/index', {
      users,
      filters: applied,
      filterErrors: error ? fieldErrors(error) : {},
      roles: ROLES,
      statuses: ACCOUNT_STATUSES,
    })
  }

  async show(ctx: HttpContext) {
    const target = await User.findOrFail(ctx.params.id)
    await ctx.bouncer.with(UserPolicy).authorize('view', target)
    return renderUser(ctx, target)
  }
}

/**
 * The account page, also re-rendered (422) with errors by the forms it carries.
 */
export async function renderUser(
  ctx: HttpContext,
  target: User,
  errors: Record<string, string[]> = {}
) {
  const policy = ctx.bouncer.with(UserPolicy)
  return ctx.view.render('pages/admin/users/show', {
    target,
    errors,
    roles: ROLES,
    statuses: ACCOUNT_STATUSES,
    lockedForSeconds: await AccountAdminService.lockedForSeconds(target),
    can: {
      changeRole: await policy.allows('changeRole', target),
      changeStatus: await policy.allows('changeStatus', target),
      unlock: await policy.allows('unlock', target),
    },
  })
}
