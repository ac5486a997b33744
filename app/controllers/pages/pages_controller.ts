import type { HttpContext } from '@adonisjs/core/http'

export default class PagesController {
  async home({ view, auth, response }: HttpContext) {
    if (auth.user?.isVerified) {
      return response.redirect().toRoute('dashboard')
    }
    return view.render('pages/home')
  }
}
