import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#validators/auth'
import LoginService from '#services/auth/login_service'
import SessionRegistry from '#services/auth/session_registry'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, auth, response, session } = ctx
    const { email, password, remember } = await request.validateUsing(loginValidator)

    let user
    try {
      user = await LoginService.attempt(email, password, ctx)
    } catch (error) {
      const message = LoginService.refusalMessage(error)
      if (!message) {
        throw error
      }
      session.flashOnly(['email', 'remember'])
      session.flash('error', message)
      return response.redirect().toRoute('session.create')
    }

    // A fresh session id at sign-in, so an id planted before it (session fixation) is worthless.
    session.regenerate()
    await auth.use('web').login(user, Boolean(remember))
    await new SessionRegistry(ctx).start(user)
    session.flash('success', `Welcome back, ${user.name}.`)
    return response.redirect().toIntendedRoute('dashboard')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.regenerate()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('home')
  }
}
