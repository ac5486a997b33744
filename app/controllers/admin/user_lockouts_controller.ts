import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import UserPolicy from '#policies/user_policy'
import AccountAdminService from '#services/admin/account_admin_service'

export default class UserLockoutsController {
  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    const target = await User.findOrFail(params.id)
    await bouncer.with(UserPolicy).authorize('unlock', target)
    await AccountAdminService.unlock(target, { actor: auth.user!, ctx })
    session.flash('success', `${target.name} can sign in again.`)
    return response.redirect().toRoute('admin.users.show', { id: target.id })
  }
}
