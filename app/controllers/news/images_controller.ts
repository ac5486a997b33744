import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import PostPolicy from '#policies/post_policy'
import ImageUploadService from '#services/uploads/image_upload_service'
import { sendImage } from '#services/uploads/image_response'
import { notFound } from '#exceptions/not_found'

/**
 * A post's featured image at one width, to whoever may read the post: images of drafts,
 * scheduled and members-only posts are not reachable by visitors.
 */
export default class ImagesController {
  async show({ params, bouncer, response }: HttpContext) {
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

    return sendImage(
      response,
      bytes,
      post.isLive && post.visibility === 'public'
        ? { scope: 'public', maxAge: 86400 }
        : { scope: 'private', maxAge: 300 }
    )
  }
}
