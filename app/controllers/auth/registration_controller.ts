import type { HttpContext } from '@adonisjs/core/http'
import { registerValidator } from '#validators/auth'
import RegistrationService from '#services/auth/registration_service'
import SignupGuard from '#services/auth/signup_guard'

export default class RegistrationController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/register', { formToken: SignupGuard.formToken() })
  }

  async store(ctx: HttpContext) {
    const { request, response, session, view } = ctx
    const data = await request.validateUsing(registerValidator)

    if (SignupGuard.looksAutomated(data)) {
      response.status(400)
      return view.render('pages/auth/register', {
        formToken: SignupGuard.formToken(),
        refused: true,
        values: { fullName: data.fullName, email: data.email },
      })
    }

    await RegistrationService.register(data, ctx)
    session.flash(
      'success',
      `Check your inbox: we sent a message to ${data.email}. Follow its link to confirm your address.`
    )
    return response.redirect().toRoute('email_verification.notice')
  }
}
