import type { HttpContext } from '@adonisjs/core/http'
import AccountSessionsService from '#services/account/account_sessions_service'
import { notFound } from '#exceptions/not_found'

export default class SessionsController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    const sessions = await AccountSessionsService.list(user, ctx)
    return ctx.view.render('pages/account/sessions', { sessions, zone: user.timezone })
  }

  async destroy(ctx: HttpContext) {
    const { params, auth, session, response } = ctx
    const sessionId = String(params.id)
    if (sessionId === session.sessionId) {
      session.flash('notice', 'To end this session, log out.')
      return response.redirect().toRoute('account_sessions.index')
    }
    // Someone else's session id answers as an unknown one.
    if (!(await AccountSessionsService.revoke(auth.getUserOrFail(), sessionId, ctx))) {
      throw notFound()
    }
    session.flash('success', 'That session was ended.')
    return response.redirect().toRoute('account_sessions.index')
  }

  async destroyOthers(ctx: HttpContext) {
    await AccountSessionsService.revokeAll(ctx.auth.getUserOrFail(), ctx, { keepCurrent: true })
    ctx.session.flash('success', 'You were logged out everywhere else.')
    return ctx.response.redirect().toRoute('account_sessions.index')
  }

  async destroyAll(ctx: HttpContext) {
    await AccountSessionsService.revokeAll(ctx.auth.getUserOrFail(), ctx, { keepCurrent: false })
    await ctx.auth.use('web').logout()
    ctx.session.regenerate()
    ctx.session.flash('success', 'You were logged out everywhere, including here.')
    return ctx.response.redirect().toRoute('session.create')
  }
}
