import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import PostPolicy from '#policies/post_policy'
import AuthorService from '#services/news/author_service'
import { authorValidator } from '#validators/news'

/**
 * Admins give members who are not on the board the permission to write news posts.
 */
export default class AuthorsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(PostPolicy).authorize('manageAuthors')
    return view.render('pages/news/authors', { authors: await AuthorService.list() })
  }

  async store(ctx: HttpContext) {
    const { bouncer, request, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('manageAuthors')
    const { email } = await request.validateUsing(authorValidator)
    if (!(await AuthorService.grant(email, auth.getUserOrFail(), ctx))) {
      session.flashAll()
      session.flash('inputErrorsBag', { email: ['No member has this address.'] })
      return response.redirect().back()
    }
    session.flash('success', 'The member can now write posts.')
    // Back to where it was granted: the authors page or the member's admin page.
    return response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    const { bouncer, params, auth, session, response } = ctx
    await bouncer.with(PostPolicy).authorize('manageAuthors')
    const user = await User.findOrFail(params.id)
    await AuthorService.revoke(user, auth.getUserOrFail(), ctx)
    session.flash('success', 'The author permission was removed.')
    return response.redirect().back()
  }
}
