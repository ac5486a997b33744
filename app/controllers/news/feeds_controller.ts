import type { HttpContext } from '@adonisjs/core/http'
import FeedService from '#services/news/feed_service'
import ReadingService from '#services/news/reading_service'
import { notFound } from '#exceptions/not_found'

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
}

/**
 * RSS and Atom feeds of the public posts, overall and per category, with validators so feed
 * readers polling often get a 304.
 */
export default class FeedsController {
  async rss(ctx: HttpContext) {
    return FeedsController.#send(ctx, 'rss', null)
  }

  async atom(ctx: HttpContext) {
    return FeedsController.#send(ctx, 'atom', null)
  }

  async categoryRss(ctx: HttpContext) {
    return FeedsController.#send(ctx, 'rss', await FeedsController.#category(ctx))
  }

  async categoryAtom(ctx: HttpContext) {
    return FeedsController.#send(ctx, 'atom', await FeedsController.#category(ctx))
  }

  static async #category({ params }: HttpContext) {
    const category = await ReadingService.findCategory(params.slug)
    if (!category) throw notFound()
    return category
  }

  static async #send(
    { request, response }: HttpContext,
    format: 'rss' | 'atom',
    category: Awaited<ReturnType<typeof ReadingService.findCategory>>
  ) {
    const feed = await FeedService.build(format, category)
    response.header('Content-Type', CONTENT_TYPES[format])
    response.header('ETag', feed.etag)
    response.header('Last-Modified', feed.lastModified.toUTCString())
    response.header('Cache-Control', 'public, max-age=300')
    const ifNoneMatch = request.header('if-none-match')
    const ifModifiedSince = request.header('if-modified-since')
    const notModified = ifNoneMatch
      ? ifNoneMatch.split(',').some((tag) => tag.trim() === feed.etag)
      : !!ifModifiedSince && Date.parse(ifModifiedSince) >= feed.lastModified.getTime()
    if (notModified) {
      return response.status(304).send('')
    }
    return response.send(feed.body)
  }
}
