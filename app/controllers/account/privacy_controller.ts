import type { HttpContext } from '@adonisjs/core/http'

export default class PrivacyController {
  async show({ view }: HttpContext) {
    return view.render('pages/account/privacy')
  }
}
