import type { HttpContext } from '@adonisjs/core/http'
import { PROFILE_VISIBILITIES } from '#models/user'
import { profileValidator, TIME_ZONES } from '#validators/account'
import ProfileService from '#services/account/profile_service'
import type { FieldErrors } from '#validators/field_errors'

export default class ProfileController {
  /**
   * Also used by the avatar upload to show a refused file with its message in the same request.
   */
  static render({ view, auth }: HttpContext, inputErrors?: FieldErrors) {
    // Shared rather than passed, so the form components (which see only shared values) read them.
    view.share({ inputErrors })
    return view.render('pages/account/profile', {
      user: auth.getUserOrFail(),
      timeZones: TIME_ZONES,
      visibilities: PROFILE_VISIBILITIES,
    })
  }

  async edit(ctx: HttpContext) {
    return ProfileController.render(ctx)
  }

  async update({ request, auth, session, response }: HttpContext) {
    const changes = await request.validateUsing(profileValidator)
    await ProfileService.update(auth.getUserOrFail(), {
      ...changes,
      showEmail: changes.showEmail ?? false,
    })
    session.flash('success', 'Your profile was saved.')
    return response.redirect().toRoute('profile.edit')
  }
}
