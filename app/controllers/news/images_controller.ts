import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import PostPolicy from '#policies/post_policy'
import ImageUploadService from '#services/uploads/image_upload_service'
import { notFound } from '#exceptions/not_found'

/**
 * A post's featured image at one width, to whoever may read the post: images of drafts,
 * scheduled and members-only posts are not reachable by visitors.
 */
export default class ImagesController {
  async show({ params, bouncer, request, response }: HttpContext) {
    const post = await Post.find(params.id)
    const width = Number(params.width)
    if (
      !post?.imageKey ||
      !post.imageWidthList.includes(width) ||
      (await bouncer.with(PostPolicy).denies('view', post))
    ) {
      throw notFound()
    }
    const bytes = await ImageUploadService.read(`${post.imageKey}-${width}.webp`)
    if (!bytes) throw notFound()

    const etag = `"${post.imageKey.split('/').pop()}-${width}"`
    response.header('Content-Type', 'image/webp')
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('ETag', etag)
    response.header(
      'Cache-Control',
      post.isLive && post.visibility === 'public' ? 'public, max-age=86400' : 'private, max-age=300'
    )
    response.header('Vary', 'Cookie')
    if (request.header('if-none-match') === etag) {
      return response.status(304).send('')
    }
    return response.send(bytes)
  }
}
