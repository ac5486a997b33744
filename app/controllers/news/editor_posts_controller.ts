import type { HttpContext } from '@adonisjs/core/http'
import Post, { POST_VISIBILITIES } from '#models/post'
import PostPolicy from '#policies/post_policy'
import { RuleError } from '#exceptions/rule_error'
import PostService from '#services/news/post_service'
import ReadingService from '#services/news/reading_service'
import { renderMarkdown } from '#services/content/rich_text'
import { MAX_IMAGE_SIZE, UploadRejectedError } from '#services/uploads/image_upload_service'
import { postValidator, previewValidator } from '#validators/news'

/**
 * Writing a post: Markdown with a server-rendered preview (the "Preview" button posts the form
 * to `preview`, which shows the sanitized result above the form, no script needed).
 */
export default class EditorPostsController {
  static async #render(
    { view }: HttpContext,
    post: Post | null,
    extra: { preview?: string | null; draft?: Record<string, unknown> } = {}
  ) {
    if (post) await post.load('tags')
    return view.render('pages/news/form', {
      post,
      tagList: post ? post.tags.map((tag) => tag.name).join(', ') : '',
      categories: await ReadingService.categories(),
      visibilities: POST_VISIBILITIES,
      preview: extra.preview ?? null,
      draft: extra.draft ?? null,
    })
  }

  async create(ctx: HttpContext) {
    await ctx.bouncer.with(PostPolicy).authorize('write')
    return EditorPostsController.#render(ctx, null)
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('write')
    const input = await request.validateUsing(postValidator)
    let post: Post
    try {
      post = await PostService.create(
        auth.getUserOrFail(),
        input,
        EditorPostsController.#image(ctx)
      )
    } catch (error) {
      return EditorPostsController.#refuse(ctx, error)
    }
    session.flash('success', 'The draft was saved.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  async edit(ctx: HttpContext) {
    const post = await Post.findOrFail(ctx.params.id)
    await ctx.bouncer.with(PostPolicy).authorize('edit', post)
    return EditorPostsController.#render(ctx, post)
  }

  async update(ctx: HttpContext) {
    const { bouncer, request, params, session, response } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('edit', post)
    const input = await request.validateUsing(postValidator)
    try {
      await PostService.update(post, input, EditorPostsController.#image(ctx))
    } catch (error) {
      return EditorPostsController.#refuse(ctx, error)
    }
    session.flash('success', 'The post was saved.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  /**
   * Renders the form again with the sanitized preview of the submitted text; nothing is saved.
   */
  async preview(ctx: HttpContext) {
    const { bouncer, request } = ctx
    await bouncer.with(PostPolicy).authorize('write')
    const { body } = await request.validateUsing(previewValidator)
    const postId = Number(request.input('postId'))
    const post = postId ? await Post.find(postId) : null
    if (post) await bouncer.with(PostPolicy).authorize('edit', post)
    // The form shows what was typed, not what is stored.
    return EditorPostsController.#render(ctx, post, {
      preview: renderMarkdown(body ?? ''),
      draft: request.only([
        'title',
        'summary',
        'body',
        'categoryId',
        'tags',
        'visibility',
        'imageAlt',
      ]),
    })
  }

  async destroyImage({ bouncer, params, session, response }: HttpContext) {
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('edit', post)
    await PostService.removeImage(post)
    session.flash('success', 'The image was removed.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  async destroy(ctx: HttpContext) {
    const { bouncer, params, session, response, auth } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('delete', post)
    await PostService.delete(post, auth.getUserOrFail(), ctx)
    session.flash('success', 'The post was deleted.')
    return response.redirect().toRoute('news_manage.index')
  }

  /**
   * A refused image or slug goes back to the form with its message and everything typed kept;
   * anything else is not the writer's to fix.
   */
  static #refuse({ session, response }: HttpContext, error: unknown) {
    let field: string
    if (error instanceof UploadRejectedError) field = 'image'
    else if (error instanceof RuleError) field = error.field
    else throw error
    session.flashAll()
    session.flash('inputErrorsBag', { [field]: [error.message] })
    session.flash('error', error.message)
    return response.redirect().back()
  }

  static #image({ request }: HttpContext) {
    const file = request.file('image', { size: MAX_IMAGE_SIZE })
    return file && (file.size > 0 || file.hasErrors) ? file : null
  }
}
