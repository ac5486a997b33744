import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import newsCache from '#services/news/news_cache'
import { NewsCache, cacheKey, serveCached } from '#services/news/page_cache_http'
import { SESSION_COOKIE_NAME as SESSION_COOKIE } from '#config/session'

/**
 * The fast path of the news page cache (app/services/news/news_cache.ts): a request without
 * any session or remember-me cookie is a visitor, so a stored news page is answered before
 * sessions, CSRF and auth run, and no session is opened for it. Everything else goes on to the
 * router, where the news routes' `newsPageCache` middleware serves and stores pages for
 * visitors who do carry a session.
 */
export default class NewsPageCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request } = ctx
    const method = request.method()
    if (
      (method !== 'GET' && method !== 'HEAD') ||
      !request.url().startsWith('/news') ||
      hasIdentity(request.header('cookie'))
    ) {
      return next()
    }
    const hit = await newsCache.get(cacheKey(ctx))
    if (!hit) return next()
    return serveCached(ctx, hit, { nonce: NewsCache.newNonce(), replayCsp: true })
  }
}

function hasIdentity(cookieHeader: string | undefined) {
  if (!cookieHeader) return false
  return cookieHeader.split(';').some((part) => {
    const name = part.trim().split('=')[0]
    return name === SESSION_COOKIE || name.startsWith('remember_')
  })
}
