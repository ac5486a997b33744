import type { HttpContext } from '@adonisjs/core/http'
import ProfileField from '#models/profile_field'
import MembershipPolicy from '#policies/membership_policy'
import ProfileFieldService from '#services/members/profile_field_service'
import { profileFieldValidator } from '#validators/members'

/** Admins define custom profile fields, each with its visibility and searchability. */
export default class ProfileFieldsController {
  async index({ bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('manageProfileFields')
    const fields = await ProfileField.query().orderBy('position')
    return view.render('pages/admin/members/profile_fields/index', { fields })
  }

  async store(ctx: HttpContext) {
    const { auth, bouncer, request, response, session } = ctx
    await bouncer.with(MembershipPolicy).authorize('manageProfileFields')
    const input = await request.validateUsing(profileFieldValidator)
    const field = await ProfileFieldService.create(input, auth.getUserOrFail(), ctx)
    session.flash('success', `Field “${field.label}” added.`)
    return response.redirect().toRoute('admin.profile_fields.index')
  }

  async destroy(ctx: HttpContext) {
    const { auth, bouncer, params, response, session } = ctx
    await bouncer.with(MembershipPolicy).authorize('manageProfileFields')
    const field = await ProfileField.findOrFail(params.id)
    await ProfileFieldService.destroy(field, auth.getUserOrFail(), ctx)
    session.flash('success', `Field “${field.label}” and its values deleted.`)
    return response.redirect().toRoute('admin.profile_fields.index')
  }
}
