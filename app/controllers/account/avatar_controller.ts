import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import ProfilePolicy from '#policies/profile_policy'
import ProfileService from '#services/account/profile_service'
import ImageUploadService, {
  MAX_IMAGE_SIZE,
  UploadRejectedError,
} from '#services/uploads/image_upload_service'
import { sendImage } from '#services/uploads/image_response'
import ProfileController from '#controllers/account/profile_controller'
import { notFound } from '#exceptions/not_found'

export default class AvatarController {
  /**
   * Serves a member's picture to those their profile visibility allows. Anyone else gets the
   * same 404 as for a member without a picture, so the route does not reveal who exists.
   */
  async show({ params, bouncer, response }: HttpContext) {
    const owner = await User.find(params.userId)
    if (!owner?.avatarKey || (await bouncer.with(ProfilePolicy).denies('view', owner))) {
      throw notFound()
    }
    const bytes = await ImageUploadService.read(owner.avatarKey)
    if (!bytes) {
      throw notFound()
    }

    // Only a public picture may sit in shared caches; the others are per viewer.
    return sendImage(response, bytes, {
      scope:
        owner.profileVisibility === 'public' && owner.status === 'active' ? 'public' : 'private',
      maxAge: 300,
    })
  }

  async update(ctx: HttpContext) {
    const { request, auth, session, response } = ctx
    try {
      await ProfileService.replaceAvatar(
        auth.getUserOrFail(),
        request.file('avatar', { size: MAX_IMAGE_SIZE })
      )
    } catch (error) {
      if (!(error instanceof UploadRejectedError)) {
        throw error
      }
      response.status(422)
      return ProfileController.render(ctx, { avatar: [error.message] })
    }
    session.flash('success', 'Your picture was updated.')
    return response.redirect().toRoute('profile.edit')
  }

  async destroy({ auth, session, response }: HttpContext) {
    await ProfileService.removeAvatar(auth.getUserOrFail())
    session.flash('success', 'Your picture was removed.')
    return response.redirect().toRoute('profile.edit')
  }
}
