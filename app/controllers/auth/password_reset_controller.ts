import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator, resetPasswordValidator } from '#validators/auth'
import PasswordResetService from '#services/auth/password_reset_service'

export default class PasswordResetController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/forgot_password')
  }

  async store({ request, response, session }: HttpContext) {
    const { email } = await request.validateUsing(forgotPasswordValidator)
    await PasswordResetService.request(email)
    session.flash(
      'success',
      `If an account exists for ${email}, we sent it a link to choose a new password. The link expires in 1 hour.`
    )
    return response.redirect().toRoute('password_reset.create')
  }

  async edit({ params, response, view }: HttpContext) {
    const token = String(params.token)
    if (!(await PasswordResetService.isUsable(token))) {
      response.status(410)
      return view.render('pages/auth/reset_password_failed')
    }
    return view.render('pages/auth/reset_password', { token })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, view, params } = ctx
    const { password } = await request.validateUsing(resetPasswordValidator)
    const user = await PasswordResetService.reset(String(params.token), password, ctx)
    if (!user) {
      response.status(410)
      return view.render('pages/auth/reset_password_failed')
    }
    // The request's own session would otherwise be saved again after the service ended it.
    if (ctx.auth.isAuthenticated) {
      await ctx.auth.use('web').logout()
    }
    session.regenerate()
    session.flash(
      'success',
      'Your password was changed and every device was signed out. You can log in with the new password.'
    )
    return response.redirect().toRoute('session.create')
  }
}
