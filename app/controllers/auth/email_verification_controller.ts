import type { HttpContext } from '@adonisjs/core/http'
import EmailVerificationService from '#services/auth/email_verification_service'

export default class EmailVerificationController {
  async notice({ view }: HttpContext) {
    return view.render('pages/auth/verify_email')
  }

  async verify({ params, auth, response, session, view }: HttpContext) {
    const user = await EmailVerificationService.verify(String(params.token))
    if (!user) {
      response.status(410)
      return view.render('pages/auth/verify_email_failed')
    }
    session.flash('success', 'Thank you, your email address is confirmed.')
    if (auth.user?.id === user.id) {
      return response.redirect().toRoute('dashboard')
    }
    return response.redirect().toRoute('session.create')
  }

  async resend({ auth, response, session }: HttpContext) {
    const user = auth.getUserOrFail()
    if (user.isVerified) {
      return response.redirect().toRoute('dashboard')
    }
    await EmailVerificationService.send(user)
    session.flash('success', `We sent a new link to ${user.email}.`)
    return response.redirect().toRoute('email_verification.notice')
  }
}
