import app from '@adonisjs/core/services/app'
import { errors } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Development tools (the dev mailbox) answer 404 anywhere but in development, as if absent.
 */
export default class DevOnlyMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!app.inDev) {
      throw new errors.E_ROUTE_NOT_FOUND([ctx.request.method(), ctx.request.url()])
    }
    return next()
  }
}
