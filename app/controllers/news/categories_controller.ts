import type { HttpContext } from '@adonisjs/core/http'
import PostCategory from '#models/post_category'
import PostPolicy from '#policies/post_policy'
import { RuleError } from '#exceptions/rule_error'
import CategoryService from '#services/news/category_service'
import ReadingService from '#services/news/reading_service'
import { categoryValidator } from '#validators/news'

export default class CategoriesController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(PostPolicy).authorize('review')
    return view.render('pages/news/categories', { categories: await ReadingService.categories() })
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('review')
    const input = await request.validateUsing(categoryValidator)
    try {
      await CategoryService.create(input, auth.getUserOrFail(), ctx)
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      session.flashAll()
      session.flash('error', error.message)
      return response.redirect().toRoute('news_categories.index')
    }
    session.flash('success', 'The category was added.')
    return response.redirect().toRoute('news_categories.index')
  }

  async update(ctx: HttpContext) {
    const { bouncer, request, params, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('review')
    const category = await PostCategory.findOrFail(params.id)
    const input = await request.validateUsing(categoryValidator)
    await CategoryService.update(category, input, auth.getUserOrFail(), ctx)
    session.flash('success', 'The category was saved.')
    return response.redirect().toRoute('news_categories.index')
  }

  async destroy(ctx: HttpContext) {
    const { bouncer, params, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('review')
    const category = await PostCategory.findOrFail(params.id)
    await CategoryService.delete(category, auth.getUserOrFail(), ctx)
    session.flash('success', 'The category was deleted; its posts are kept without a category.')
    return response.redirect().toRoute('news_categories.index')
  }
}
