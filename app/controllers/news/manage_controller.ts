import type { HttpContext } from '@adonisjs/core/http'
import Post, { POST_STATUSES } from '#models/post'
import PostPolicy from '#policies/post_policy'

/**
 * The writing desk: an author's own posts; for editors also the review queue and every post.
 */
export default class ManageController {
  async index({ auth, bouncer, request, view }: HttpContext) {
    await bouncer.with(PostPolicy).authorize('write')
    const user = auth.getUserOrFail()
    const isEditor = await bouncer.with(PostPolicy).allows('review')
    const status = (POST_STATUSES as readonly string[]).includes(request.input('status'))
      ? (request.input('status') as string)
      : null
    const page = Math.max(1, Math.min(10_000, Number(request.input('page')) || 1))

    const query = Post.query()
      .preload('author')
      .preload('category')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
    if (!isEditor) query.where('author_id', user.id)
    if (status) query.where('status', status)
    const posts = await query.paginate(page, 20)
    posts.baseUrl(request.url())
    posts.queryString(status ? { status } : {})

    const queue = isEditor
      ? await Post.query()
          .where('status', 'submitted')
          .preload('author')
          .orderBy('submitted_at', 'asc')
          .limit(50)
      : []
    return view.render('pages/news/manage', {
      posts,
      queue,
      isEditor,
      status,
      statuses: POST_STATUSES,
    })
  }
}
