import type { HttpContext } from '@adonisjs/core/http'
import { emailChangeValidator } from '#validators/account'
import EmailChangeService from '#services/account/email_change_service'
import { backToForm } from '#services/account/form_feedback'
import { fieldErrors } from '#validators/field_errors'

export default class EmailController {
  async edit({ view, auth }: HttpContext) {
    return view.render('pages/account/email', { user: auth.getUserOrFail() })
  }

  async update(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    const [error, input] = await request.tryValidateUsing(emailChangeValidator)
    if (error) {
      return backToForm(ctx, 'account_email.edit', fieldErrors(error), ['email'])
    }
    const result = await EmailChangeService.request(
      auth.getUserOrFail(),
      input.email,
      input.currentPassword
    )
    switch (result) {
      case 'wrong_password':
        return backToForm(
          ctx,
          'account_email.edit',
          { currentPassword: ['The current password is not correct.'] },
          ['email']
        )
      case 'taken':
        return backToForm(
          ctx,
          'account_email.edit',
          { email: ['This email address is already used by another account.'] },
          ['email']
        )
      case 'unchanged':
        return backToForm(
          ctx,
          'account_email.edit',
          { email: ['This is already your email address.'] },
          ['email']
        )
    }
    session.flash(
      'success',
      `We sent a link to ${input.email}. Your address changes when you follow it; until then you keep signing in with the current one.`
    )
    return response.redirect().toRoute('account_email.edit')
  }

  async confirm(ctx: HttpContext) {
    const { params, auth, session, response } = ctx
    const result = await EmailChangeService.confirm(auth.getUserOrFail(), String(params.token), ctx)
    if (result.status === 'changed') {
      session.flash('success', `Your email address is now ${result.email}.`)
    } else if (result.status === 'taken') {
      session.flash(
        'error',
        'That email address is now used by another account, so your address was not changed.'
      )
    } else {
      session.flash(
        'error',
        'This link is invalid, expired or was already used. Ask for a new one below.'
      )
    }
    return response.redirect().toRoute('account_email.edit')
  }
}
