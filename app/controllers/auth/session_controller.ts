import type { HttpContext } from '@adonisjs/core/http'
import { loginValidator } from '#validators/auth'
import User from '#models/user'
import SessionRegistry from '#services/auth/session_registry'

export default class SessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/login')
  }

  async store(ctx: HttpContext) {
    const { request, auth, response, session } = ctx
    const { email, password, remember } = await request.validateUsing(loginValidator)
    const user = await User.verifyCredentials(email, password)
    session.regenerate()
    await auth.use('web').login(user, Boolean(remember))
    await new SessionRegistry(ctx).start(user)
    session.flash('success', `Welcome back, ${user.name}.`)
    return response.redirect().toIntendedRoute('dashboard')
  }

  async destroy({ auth, response, session }: HttpContext) {
    await auth.use('web').logout()
    session.flash('success', 'You are logged out.')
    return response.redirect().toRoute('home')
  }
}
