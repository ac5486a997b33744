import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import Post from '#models/post'
import { affectedRows } from '#services/database/affected_rows'
import newsCache from '#services/news/news_cache'
import ImageUploadService from '#services/uploads/image_upload_service'

/**
 * The narrower widths of a post's new featured image, made after the upload (which stored the
 * widest one, so the post shows its image at once). They are listed on the post only if the
 * post still has that image; otherwise the files just made are removed again.
 */
export default class CreateImageVariants extends Job<{
  postId: number
  base: string
  widest: number
  widths: number[]
}> {
  static options: JobOptions = { maxRetries: 3 }

  async execute() {
    const { postId, base, widest, widths } = this.payload
    const post = await Post.find(postId)
    if (!post || post.imageKey !== base) return
    await ImageUploadService.addNarrowerVariants(base, widest, widths)
    const all = [...widths, widest].sort((a, b) => a - b).join(',')
    const listed = await Post.query()
      .where('id', postId)
      .where('image_key', base)
      .update({ image_widths: all })
    if (affectedRows(listed) === 1) {
      await newsCache.invalidate()
    } else {
      await Promise.all(widths.map((width) => ImageUploadService.delete(`${base}-${width}.webp`)))
    }
  }
}
