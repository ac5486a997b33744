/*
 * Every named rate limit of the portal. Each throttle answers 429 with Retry-After and the
 * friendly "slow down" page (app/exceptions/handler.ts), which quotes the limits that explain
 * themselves with `explainLimit`.
 */
import env from '#start/env'
import limiter from '@adonisjs/limiter/services/main'
import { useRedis } from '#config/redis'
import { explainLimit } from '#exceptions/limit_explanation'

export const globalThrottle = limiter.define('global', (ctx) => {
  return limiter
    .allowRequests(env.get('RATE_LIMIT_GLOBAL_PER_MINUTE', 300))
    .every('1 minute')
    .usingKey(`ip_${ctx.request.ip()}`)
    .store(useRedis ? 'redis' : 'memory')
})

/*
 * A flood cap on the login form. Failed sign-ins are counted separately, per account and per IP,
 * by app/services/auth/login_lockout_service.ts.
 */
export const loginThrottle = limiter.define('login', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(`ip_${ctx.request.ip()}`)
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

/*
 * Account forms that check the current password (email, password, deletion): a stolen session
 * must not become a way to guess it.
 */
export const accountPasswordThrottle = limiter.define('account_password', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(10).every('15 minutes').usingKey(key)
})

/*
 * Document downloads, counted per account and per IP, so neither a scraping account nor a
 * scraping address can empty the library.
 */
export const documentDownloadUserThrottle = limiter.define('document_download_user', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `guest_ip_${ctx.request.ip()}`
  return limiter.allowRequests(30).every('1 minute').usingKey(key)
})

export const documentDownloadIpThrottle = limiter.define('document_download_ip', (ctx) => {
  return limiter.allowRequests(60).every('1 minute').usingKey(`ip_${ctx.request.ip()}`)
})

/*
 * Event registrations and cancellations per account: enough for a person, not for a script.
 */
export const eventRegistrationThrottle = limiter.define('event_registration', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(20).every('10 minutes').usingKey(key)
})

/*
 * Members CSV exports: each one reads the whole membership, so a board account gets a handful
 * per hour.
 */
export const memberExportThrottle = limiter.define('member_export', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter.allowRequests(10).every('1 hour').usingKey(key)
})

/*
 * "Download my data" has a worker gather everything about the person into an archive: a few
 * archives an hour per account, with a page that says when the next one is possible.
 */
const DATA_EXPORTS_PER_HOUR = 3

export const dataExportThrottle = limiter.define('data_export', (ctx) => {
  const key = ctx.auth.user ? `user_${ctx.auth.user.id}` : `ip_${ctx.request.ip()}`
  return limiter
    .allowRequests(DATA_EXPORTS_PER_HOUR)
    .every('1 hour')
    .usingKey(key)
    .limitExceeded(
      explainLimit((error) => {
        const minutes = Math.max(1, Math.ceil(error.response.availableIn / 60))
        return `You can ask for your data ${DATA_EXPORTS_PER_HOUR} times an hour. Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`
      })
    )
})
