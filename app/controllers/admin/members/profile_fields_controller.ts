import type { HttpContext } from '@adonisjs/core/http'
import ProfileField, { type ProfileFieldKind } from '#models/profile_field'
import MembershipPolicy from '#policies/membership_policy'
import { fieldErrors, type FieldErrors } from '#validators/field_errors'
import ProfileFieldService from '#services/members/profile_field_service'
import { profileFieldUpdateValidator, profileFieldValidator } from '#validators/members'

const KIND_LABELS: Record<ProfileFieldKind, string> = {
  text: 'Text',
  choice: 'Choice',
  url: 'Web address',
  date: 'Date',
}

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

  async edit(ctx: HttpContext) {
    await ctx.bouncer.with(MembershipPolicy).authorize('manageProfileFields')
    const field = await ProfileField.findOrFail(ctx.params.id)
    return ProfileFieldsController.#renderEdit(ctx, field)
  }

  async update(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, session } = ctx
    await bouncer.with(MembershipPolicy).authorize('manageProfileFields')
    const field = await ProfileField.findOrFail(params.id)
    const [error, input] = await request.tryValidateUsing(profileFieldUpdateValidator)
    if (error) return ProfileFieldsController.#renderEdit(ctx, field, fieldErrors(error))
    const errors = await ProfileFieldService.update(field, input, auth.getUserOrFail(), ctx)
    if (errors) return ProfileFieldsController.#renderEdit(ctx, field, errors)
    session.flash('success', `Field “${field.label}” saved.`)
    return response.redirect().toRoute('admin.profile_fields.index')
  }

  /** The edit form; after a refused submission, with the messages and what was typed (422). */
  static #renderEdit(ctx: HttpContext, field: ProfileField, errors?: FieldErrors) {
    const { request, response, view } = ctx
    if (errors) response.status(422)
    view.share({ inputErrors: errors })
    const values = errors
      ? {
          label: request.input('label', ''),
          options: request.input('options', ''),
          visibility: request.input('visibility', field.visibility),
          searchable: Boolean(request.input('searchable')),
        }
      : {
          label: field.label,
          options: (field.options ?? []).join('\n'),
          visibility: field.visibility,
          searchable: field.searchable,
        }
    return view.render('pages/admin/members/profile_fields/edit', {
      field,
      values,
      kindLabel: KIND_LABELS[field.kind],
    })
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
