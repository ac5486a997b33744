import type { HttpContext } from '@adonisjs/core/http'
import { accountDeletionValidator, DELETE_CONFIRMATION } from '#validators/account'
import AccountDeletionService from '#services/privacy/account_deletion_service'
import { backToForm } from '#services/account/form_feedback'
import { fieldErrors } from '#validators/field_errors'

export default class AccountDeletionController {
  async create({ view }: HttpContext) {
    return view.render('pages/account/delete', { confirmationWord: DELETE_CONFIRMATION })
  }

  async destroy(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    const [error, input] = await request.tryValidateUsing(accountDeletionValidator)
    if (error) {
      return backToForm(ctx, 'account_deletion.create', fieldErrors(error), ['confirmation'])
    }
    const deleted = await AccountDeletionService.delete(auth.getUserOrFail(), input.currentPassword)
    if (!deleted) {
      return backToForm(
        ctx,
        'account_deletion.create',
        { currentPassword: ['The current password is not correct.'] },
        ['confirmation']
      )
    }
    await auth.use('web').logout()
    session.regenerate()
    session.flash(
      'success',
      'Your account was deleted. Thank you for having been part of the association.'
    )
    return response.redirect().toRoute('home')
  }
}
