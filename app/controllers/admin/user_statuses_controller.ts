import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import UserPolicy from '#policies/user_policy'
import AccountAdminService from '#services/admin/account_admin_service'
import { statusValidator } from '#validators/admin'
import { fieldErrors } from '#validators/field_errors'
import { renderUser } from '#controllers/admin/users_controller'

const outcome = { active: 'reactivated', disabled: 'disabled', suspended: 'suspended' } as const

export default class UserStatusesController {
  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('changeStatus', target)
    const [error, data] = await request.tryValidateUsing(statusValidator)
    if (error) {
      response.status(422)
      return renderUser(ctx, target, fieldErrors(error))
    }
    const changed = await AccountAdminService.changeStatus(target, data.status, {
      actor: auth.user!,
      ctx,
      reason: data.reason,
    })
    session.flash(
      'success',
      changed
        ? `The account of ${target.name} is ${outcome[data.status]}.`
        : `The account was already ${data.status}.`
    )
    return response.redirect().toRoute('admin.users.show', { id: target.id })
  }
}
