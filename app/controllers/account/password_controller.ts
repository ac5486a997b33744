import type { HttpContext } from '@adonisjs/core/http'
import { passwordChangeValidator } from '#validators/account'
import PasswordChangeService from '#services/account/password_change_service'
import { backToForm } from '#services/account/form_feedback'
import { fieldErrors } from '#validators/field_errors'

export default class PasswordController {
  async edit({ view }: HttpContext) {
    return view.render('pages/account/password')
  }

  async update(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    const [error, input] = await request.tryValidateUsing(passwordChangeValidator)
    if (error) {
      return backToForm(ctx, 'account_password.edit', fieldErrors(error))
    }
    const changed = await PasswordChangeService.change(
      auth.getUserOrFail(),
      input.currentPassword,
      input.newPassword,
      ctx
    )
    if (!changed) {
      return backToForm(ctx, 'account_password.edit', {
        currentPassword: ['The current password is not correct.'],
      })
    }
    session.flash('success', 'Your password was changed. Your other devices were signed out.')
    return response.redirect().toRoute('account_password.edit')
  }
}
