import type { HttpContext } from '@adonisjs/core/http'
import DirectoryPolicy from '#policies/directory_policy'
import DirectoryProfile from '#services/members/directory_profile'
import { COUNTRY_OPTIONS } from '#services/members/directory_countries'
import { professionalInfoValidator } from '#validators/directory'

/**
 * The member's own professional information (institution, field, ...), shown in the directory.
 */
export default class ProfessionalInfoController {
  async edit({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(DirectoryPolicy).authorize('editProfessionalInfo')
    const profile = await DirectoryProfile.professionalInfo(auth.getUserOrFail())
    return view.render('pages/directory/professional', { profile, countries: COUNTRY_OPTIONS })
  }

  async update({ auth, bouncer, request, session, response }: HttpContext) {
    await bouncer.with(DirectoryPolicy).authorize('editProfessionalInfo')
    const info = await request.validateUsing(professionalInfoValidator)
    await DirectoryProfile.saveProfessionalInfo(auth.getUserOrFail(), info)
    session.flash('success', 'Your professional information was saved.')
    return response.redirect().toRoute('professional_info.edit')
  }
}
