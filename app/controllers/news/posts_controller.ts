import type { HttpContext } from '@adonisjs/core/http'
import Post from '#models/post'
import type PostCategory from '#models/post_category'
import type PostTag from '#models/post_tag'
import PostPolicy from '#policies/post_policy'
import ReadingService from '#services/news/reading_service'
import viewCounter from '#services/news/view_counter'
import { listValidator } from '#validators/news'
import { notFound } from '#exceptions/not_found'

/**
 * Reading the news: the list (all, one category, one tag; with search) and a post's page.
 */
export default class PostsController {
  async index(ctx: HttpContext) {
    return PostsController.#list(ctx, {})
  }

  async category(ctx: HttpContext) {
    const category = await ReadingService.findCategory(ctx.params.slug)
    if (!category) throw notFound()
    return PostsController.#list(ctx, { category })
  }

  async tag(ctx: HttpContext) {
    const tag = await ReadingService.findTag(ctx.params.slug)
    if (!tag) throw notFound()
    return PostsController.#list(ctx, { tag })
  }

  async show(ctx: HttpContext) {
    const { params, auth, bouncer, view, response, request } = ctx
    const found = await ReadingService.find(params.slug)
    if (!found) throw notFound()
    if (found.redirectTo) {
      return response.redirect().status(301).toRoute('news.show', { slug: found.redirectTo })
    }
    const post = found.post!
    // The same 404 whether the post does not exist or may not be seen: nothing is revealed.
    if (await bouncer.with(PostPolicy).denies('view', post)) throw notFound()

    const reader = auth.user ?? null
    if (post.isLive) {
      ctx.newsPostId = post.id
      await viewCounter.record(post.id, request.ip(), request.header('user-agent') ?? '')
    }
    const related = post.isLive ? await ReadingService.related(reader, post) : []
    return view.render('pages/news/show', { post, related })
  }

  /** The permanent address feeds use as GUID; it leads to the post's current slug. */
  async byId({ params, bouncer, response }: HttpContext) {
    const post = await Post.find(params.id)
    if (!post || (await bouncer.with(PostPolicy).denies('view', post))) throw notFound()
    return response.redirect().status(301).toRoute('news.show', { slug: post.slug })
  }

  static async #list(
    { request, auth, view }: HttpContext,
    scope: { category?: PostCategory; tag?: PostTag }
  ) {
    const [error, filters] = await request.tryValidateUsing(listValidator)
    const search = error ? '' : (filters.q ?? '')
    const page = error ? 1 : (filters.page ?? 1)
    const posts = await ReadingService.list(auth.user ?? null, { page, search, ...scope })
    posts.baseUrl(request.url())
    posts.queryString(search ? { q: search } : {})
    const categories = await ReadingService.categories()
    return view.render('pages/news/index', {
      posts,
      categories,
      category: scope.category ?? null,
      tag: scope.tag ?? null,
      search,
    })
  }
}
