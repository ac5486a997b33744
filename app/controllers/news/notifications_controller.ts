import type { HttpContext } from '@adonisjs/core/http'
import NotificationService from '#services/news/notification_service'
import { notificationsValidator } from '#validators/news'

/**
 * The member's news email choices, per category: none, each new post, or the weekly digest.
 */
export default class NotificationsController {
  async edit({ auth, view }: HttpContext) {
    return view.render('pages/news/notifications', {
      choices: await NotificationService.choicesOf(auth.getUserOrFail()),
    })
  }

  async update({ auth, request, session, response }: HttpContext) {
    const { modes } = await request.validateUsing(notificationsValidator)
    const choices: Record<number, 'each' | 'digest' | 'none'> = {}
    // Fields are named modes[c<category id>] (a bare number would make the body an array).
    for (const [key, mode] of Object.entries(modes ?? {})) {
      const id = key.match(/^c(\d+)$/)?.[1]
      if (id) choices[Number(id)] = mode
    }
    await NotificationService.save(auth.getUserOrFail(), choices)
    session.flash('success', 'Your notification settings were saved.')
    return response.redirect().toRoute('news_notifications.edit')
  }
}
