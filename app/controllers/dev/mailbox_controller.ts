import type { HttpContext } from '@adonisjs/core/http'
import DevMailbox from '#services/operations/dev_mailbox'
import { pageValidator } from '#validators/admin'

/**
 * The development mailbox: mail the app "sent" without an SMTP server. Development only (the
 * routes carry the devOnly middleware).
 */
export default class MailboxController {
  async index({ request, view }: HttpContext) {
    const { page } = await request.validateUsing(pageValidator, { data: request.qs() })
    const mails = await DevMailbox.list(page ?? 1)
    mails.baseUrl(request.url())
    return view.render('pages/dev/mailbox/index', { mails })
  }

  async show({ params, view }: HttpContext) {
    const mail = await DevMailbox.findOrFail(params.id)
    return view.render('pages/dev/mailbox/show', { mail })
  }
}
