import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import newsCache from '#services/news/news_cache'
import { cacheKey, serveCached, storeIfCacheable } from '#services/news/page_cache_http'

/**
 * The news page cache on the public news routes, once the session and auth are known:
 * signed-in users always get a freshly rendered page; visitors (with or without a session)
 * get the stored page when there is one, else the rendered page is stored. A visitor with a
 * flash message waiting gets a fresh page, so the message is not lost.
 */
export default class NewsPageCacheRouteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.auth.user || !ctx.session?.flashMessages.isEmpty) {
      return next()
    }
    const hit = await newsCache.get(cacheKey(ctx))
    if (hit) {
      return serveCached(ctx, hit, { nonce: ctx.response.nonce ?? null, replayCsp: false })
    }
    await next()
    await storeIfCacheable(ctx)
  }
}
