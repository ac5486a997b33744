import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Pages for visitors only (login, register): a signed-in user goes to the dashboard instead.
 */
export default class GuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.isAuthenticated) {
      return ctx.response.redirect().toRoute('dashboard')
    }
    return next()
  }
}
