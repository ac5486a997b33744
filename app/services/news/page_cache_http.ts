import type { HttpContext } from '@adonisjs/core/http'
import newsCache, { NewsCache, type CachedPage } from '#services/news/news_cache'
import viewCounter from '#services/news/view_counter'

/** The news pages visitors may be served from the cache (never writing or unsubscribe pages). */
const CACHEABLE_ROUTES = new Set([
  'news.index',
  'news.show',
  'news.category',
  'news.tag',
  'news_feeds.rss',
  'news_feeds.atom',
  'news_feeds.category_rss',
  'news_feeds.category_atom',
])

// Per-request headers are never replayed from a stored page.
const SKIPPED_HEADERS = new Set([
  'set-cookie',
  'x-request-id',
  'content-length',
  'date',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
])

export function cacheKey(ctx: HttpContext) {
  return ctx.request.url(true)
}

/**
 * Answers from a stored page. The stored CSP nonce is replaced in the body (and in the
 * replayed CSP header when shield did not run) by `nonce`, so no nonce is ever reused.
 */
export async function serveCached(
  ctx: HttpContext,
  hit: CachedPage,
  options: { nonce: string | null; replayCsp: boolean }
) {
  const { request, response } = ctx
  if (hit.postId !== null) {
    await viewCounter.record(hit.postId, request.ip(), request.header('user-agent') ?? '')
  }
  const swap = (value: string) =>
    hit.nonce && options.nonce ? value.replaceAll(hit.nonce, options.nonce) : value
  for (const [name, value] of Object.entries(hit.headers)) {
    if (name === 'content-security-policy' && !options.replayCsp) continue
    response.header(name, swap(value))
  }
  const etag = hit.headers['etag']
  const lastModified = hit.headers['last-modified']
  const ifModifiedSince = request.header('if-modified-since')
  const notModified = request.header('if-none-match')
    ? request.header('if-none-match') === etag
    : !!lastModified && !!ifModifiedSince && Date.parse(ifModifiedSince) >= Date.parse(lastModified)
  if (notModified) {
    return response.status(304).send('')
  }
  response.status(hit.status)
  return response.send(swap(hit.body))
}

/**
 * Keeps the response just rendered when it is a cacheable news page rendered for a visitor.
 */
export async function storeIfCacheable(ctx: HttpContext) {
  const { response } = ctx
  const routeName = ctx.route?.name
  const body = response.getBody()
  if (
    !routeName ||
    !CACHEABLE_ROUTES.has(routeName) ||
    ctx.request.method() !== 'GET' ||
    response.getStatus() !== 200 ||
    ctx.auth?.user ||
    typeof body !== 'string'
  ) {
    return
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.getHeaders())) {
    const key = name.toLowerCase()
    if (value !== undefined && !SKIPPED_HEADERS.has(key)) {
      headers[key] = Array.isArray(value) ? value.join(', ') : String(value)
    }
  }
  await newsCache.set(cacheKey(ctx), {
    status: 200,
    headers,
    body,
    nonce: response.nonce ?? null,
    postId: routeName === 'news.show' ? (ctx.newsPostId ?? null) : null,
  })
}

export { NewsCache }

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** Set by the post page so cached hits can count the view. */
    newsPostId?: number
  }
}
