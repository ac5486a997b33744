import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import DirectoryPolicy from '#policies/directory_policy'
import DirectoryQuery from '#services/members/directory_query'
import { countryOptionsHtml } from '#services/members/directory_countries'
import { directoryChoices } from '#services/members/directory_choices'
import { directoryValidator } from '#validators/directory'
import { profilePaths } from '#services/members/member_links'

/**
 * The member directory: search, filters, order and keyset pages.
 */
export default class DirectoryController {
  async index(ctx: HttpContext) {
    const { request, auth, bouncer, view, response } = ctx
    const viewer = auth.user ?? null
    if (!viewer && (await bouncer.with(DirectoryPolicy).denies('browse'))) {
      return auth.authenticateUsing(undefined, { loginRoute: urlFor('session.create') })
    }
    await bouncer.with(DirectoryPolicy).authorize('browse')

    const [error, filters] = await request.tryValidateUsing(directoryValidator)
    const options = error ? {} : filters
    const page = await DirectoryQuery.page(viewer, options)
    const choices = await directoryChoices()
    if (error) response.status(422)
    // What the page links carry over from one page to the next: everything but the cursor.
    const carried = Object.fromEntries(
      Object.entries(options).filter(([key, value]) => value && key !== 'after' && key !== 'before')
    )
    return view.render('pages/directory/index', {
      page,
      filters: options,
      carried,
      inputErrors: error ? error.messages : null,
      types: choices.types,
      badges: choices.badges,
      countryOptions: countryOptionsHtml(options.country),
      profilePath: profilePaths(),
    })
  }
}
