import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Request-scoped values every page needs: the signed-in user and the current path for the
 * navigation's aria-current.
 */
export default class ViewGlobalsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.view.share({
      currentUser: ctx.auth.user ?? null,
      currentPath: ctx.request.url(),
      requestId: ctx.request.id(),
    })
    return next()
  }
}
