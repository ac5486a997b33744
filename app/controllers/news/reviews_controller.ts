import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import Post from '#models/post'
import PostPolicy from '#policies/post_policy'
import PostService from '#services/news/post_service'
import { pinValidator, publishValidator, returnValidator } from '#validators/news'
import { zoneOf } from '#models/user'

/**
 * The review workflow: an author submits, an editor publishes (now or at a set time) or returns
 * the post with a comment; editors also pin and archive.
 */
export default class ReviewsController {
  async submit({ bouncer, params, session, response }: HttpContext) {
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('submit', post)
    await PostService.submit(post)
    session.flash('success', 'The post was sent to the editors for review.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  async publish(ctx: HttpContext) {
    const { bouncer, params, request, auth, session, response } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('review')
    const { publishAt } = await request.validateUsing(publishValidator)
    const editor = auth.getUserOrFail()
    let at: DateTime | null = null
    if (publishAt) {
      // The time is entered in the editor's zone and stored in UTC.
      at = DateTime.fromISO(publishAt, { zone: zoneOf(editor) })
      if (!at.isValid) {
        session.flash('inputErrorsBag', { publishAt: ['Enter a valid date and time.'] })
        return response.redirect().back()
      }
    }
    await PostService.publish(post, editor, at, ctx)
    session.flash('success', post.isScheduled ? 'The post is scheduled.' : 'The post is published.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  async return(ctx: HttpContext) {
    const { bouncer, params, request, auth, session, response } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('review')
    const { comment } = await request.validateUsing(returnValidator)
    await PostService.returnToAuthor(post, auth.getUserOrFail(), comment, ctx)
    session.flash('success', 'The post was returned to its author.')
    return response.redirect().toRoute('news_manage.index')
  }

  async archive(ctx: HttpContext) {
    const { bouncer, params, auth, session, response } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('review')
    await PostService.archive(post, auth.getUserOrFail(), ctx)
    session.flash('success', 'The post was archived.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }

  async pin(ctx: HttpContext) {
    const { bouncer, params, request, auth, session, response } = ctx
    const post = await Post.findOrFail(params.id)
    await bouncer.with(PostPolicy).authorize('review')
    const { pinned } = await request.validateUsing(pinValidator)
    await PostService.setPinned(post, pinned ?? false, auth.getUserOrFail(), ctx)
    session.flash('success', pinned ? 'The post is pinned to the top.' : 'The post is unpinned.')
    return response.redirect().toRoute('news_posts.edit', { id: post.id })
  }
}
