/*
 * Every named rate limit of the portal. Each throttle answers 429 with Retry-After and the
 * friendly "slow down" page (app/exceptions/handler.ts).
 */
import limiter from '@adonisjs/limiter/services/main'

export const globalThrottle = limiter.define('global', (ctx) => {
  return limiter.allowRequests(300).every('1 minute').usingKey(`ip_${ctx.request.ip()}`)
})

export const loginThrottle = limiter.define('login', (ctx) => {
  return limiter.allowRequests(30).every('15 minutes').usingKey(`ip_${ctx.request.ip()}`)
})

export const registerThrottle = limiter.define('register', (ctx) => {
  return limiter.allowRequests(5).every('1 hour').usingKey(`ip_${ctx.request.ip()}`)
})

export const passwordResetThrottle = limiter.define('password_reset', (ctx) => {
  return limiter.allowRequests(5).every('15 minutes').usingKey(`ip_${ctx.request.ip()}`)
})

export const verificationResendThrottle = limiter.define('verification_resend', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(3).every('15 minutes').usingKey(key)
})
