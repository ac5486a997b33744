import type { HttpContext } from '@adonisjs/core/http'
import ProfileField from '#models/profile_field'
import ProfileFieldValue from '#models/profile_field_value'
import MembershipPolicy from '#policies/membership_policy'
import ProfileFieldService from '#services/members/profile_field_service'

/** A member fills in the association's custom profile fields. */
export default class ProfileFieldValuesController {
  async edit({ auth, bouncer, view }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewOwn')
    const user = auth.getUserOrFail()
    const fields = await ProfileField.query().orderBy('position')
    const values = await ProfileFieldValue.query().where('user_id', user.id)
    return view.render('pages/members/fields/edit', {
      fields,
      values: Object.fromEntries(
        values.map((value) => [fields.find((f) => f.id === value.profileFieldId)?.key, value.value])
      ),
    })
  }

  async update({ auth, bouncer, request, response, session }: HttpContext) {
    await bouncer.with(MembershipPolicy).authorize('viewOwn')
    const input = request.input('fields', {})
    const errors = await ProfileFieldService.saveValues(
      auth.getUserOrFail(),
      typeof input === 'object' && input !== null ? input : {}
    )
    if (errors) {
      session.flashAll()
      session.flash('inputErrorsBag', errors)
      session.flash('error', 'Please check the fields marked below.')
      return response.redirect().toRoute('profile_field_values.edit')
    }
    session.flash('success', 'Your profile fields were saved.')
    return response.redirect().toRoute('profile_field_values.edit')
  }
}
