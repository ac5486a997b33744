import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { sessionLimits } from '#config/session'
import SessionRegistry from '#services/auth/session_registry'

/**
 * Enforces what the session store alone cannot: an absolute lifetime for a signed-in session
 * and the end of every session of an account that was disabled or suspended. It also keeps the
 * device, IP and last-seen time that "my sessions" lists.
 */
export default class SessionTimeoutMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.user
    if (user) {
      const registry = new SessionRegistry(ctx)
      const meta = registry.current()
      const tooOld = meta && Date.now() - meta.signedInAt > sessionLimits.absoluteHours * 3_600_000
      if (!user.canSignIn || tooOld) {
        await ctx.auth.use('web').logout()
        ctx.session.regenerate()
        ctx.session.flash(
          'notice',
          tooOld ? 'Your session expired. Please sign in again.' : 'Your account is not active.'
        )
        return ctx.response.redirect().toRoute('session.create')
      }
      await registry.touch(user)
    }
    return next()
  }
}
