import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import UserPolicy from '#policies/user_policy'
import AccountAdminService from '#services/admin/account_admin_service'
import { roleValidator } from '#validators/admin'
import { fieldErrors } from '#validators/field_errors'
import { renderUser } from '#controllers/admin/users_controller'

export default class UserRolesController {
  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('changeRole', target)
    const [error, data] = await request.tryValidateUsing(roleValidator)
    if (error) {
      response.status(422)
      return renderUser(ctx, target, fieldErrors(error))
    }
    const changed = await AccountAdminService.changeRole(target, data.role, {
      actor: auth.user!,
      ctx,
    })
    session.flash(
      'success',
      changed ? `${target.name} is now ${data.role}.` : `${target.name} already had that role.`
    )
    return response.redirect().toRoute('admin.users.show', { id: target.id })
  }
}
