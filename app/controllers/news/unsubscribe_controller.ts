import type { HttpContext } from '@adonisjs/core/http'
import NotificationService from '#services/news/notification_service'

/**
 * Unsubscribing from a news email without signing in. GET only shows a confirmation button
 * (mail scanners follow links and must not unsubscribe anyone); the POST is RFC 8058's
 * one-click endpoint, also used by that button, and is exempt from CSRF: the signed token in
 * the address is what authorizes it.
 */
export default class UnsubscribeController {
  async show({ params, view, response }: HttpContext) {
    const scope = NotificationService.readToken(params.token)
    if (!scope) {
      response.status(404)
      return view.render('pages/news/unsubscribe', { invalid: true })
    }
    return view.render('pages/news/unsubscribe', {
      token: params.token,
      what: await NotificationService.describe(scope),
    })
  }

  async store({ params, view, response }: HttpContext) {
    const scope = NotificationService.readToken(params.token)
    if (!scope) {
      response.status(404)
      return view.render('pages/news/unsubscribe', { invalid: true })
    }
    const what = await NotificationService.describe(scope)
    await NotificationService.unsubscribe(scope)
    return view.render('pages/news/unsubscribe', { done: true, what })
  }
}
