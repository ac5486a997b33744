import type { HttpContext } from '@adonisjs/core/http'

export interface ImageCaching {
  /**
   * `public` only for an image anyone may see; any other image must not be kept by shared
   * caches, since the next person asking through them may not be allowed to see it.
   */
  scope: 'public' | 'private'
  maxAge: number
}

/**
 * Answers with a stored image (always re-encoded as WebP on upload), or with 304 when the
 * browser already holds these bytes. The ETag is strong and made from the bytes, so it changes
 * whenever the image does; If-None-Match is compared the way HTTP asks (weak tags, lists, `*`).
 */
export function sendImage(response: HttpContext['response'], bytes: Buffer, caching: ImageCaching) {
  response.header('Content-Type', 'image/webp')
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Content-Disposition', 'inline')
  response.header('Cache-Control', `${caching.scope}, max-age=${caching.maxAge}`)
  // Who may see a private image depends on the session, so a cache must not hand one viewer's
  // copy to another.
  if (caching.scope === 'private') response.header('Vary', 'Cookie')
  response.setEtag(bytes)
  if (response.fresh()) return response.status(304).send(null)
  return response.send(bytes)
}
