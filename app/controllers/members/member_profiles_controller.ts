import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import DirectoryPolicy from '#policies/directory_policy'
import DirectoryProfile from '#services/members/directory_profile'
import { notFound } from '#exceptions/not_found'

/**
 * A member's profile page in the directory.
 */
export default class MemberProfilesController {
  async show({ params, auth, bouncer, view }: HttpContext) {
    const viewer = auth.user ?? null
    if (!viewer && (await bouncer.with(DirectoryPolicy).denies('browse'))) {
      return auth.authenticateUsing(undefined, { loginRoute: urlFor('session.create') })
    }
    await bouncer.with(DirectoryPolicy).authorize('browse')
    const withHistory = viewer
      ? await bouncer.with(DirectoryPolicy).allows('viewHistory', Number(params.id))
      : false
    const found = await DirectoryProfile.find(viewer, Number(params.id), { withHistory })
    // The same 404 whether the member does not exist or may not be seen: nothing is revealed.
    if (!found) throw notFound()
    return view.render('pages/directory/show', { ...found, withHistory })
  }
}
