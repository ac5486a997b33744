import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Member areas need a verified email address. Runs after `auth`.
 */
export default class VerifiedMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.auth.getUserOrFail().isVerified) {
      return ctx.response.redirect().toRoute('email_verification.notice')
    }
    return next()
  }
}
