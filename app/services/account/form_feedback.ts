import type { HttpContext } from '@adonisjs/core/http'
import type { FieldErrors } from '#validators/field_errors'

type FormRoute = 'account_email.edit' | 'account_password.edit' | 'account_deletion.create'

/**
 * Sends a form back to its page with messages next to the fields. Only the `keep` fields are
 * put back in the form: forms of this area carry passwords, which never go into the session.
 */
export function backToForm(
  { session, response }: Pick<HttpContext, 'session' | 'response'>,
  route: FormRoute,
  errors: FieldErrors,
  keep: string[] = []
) {
  session.flash('inputErrorsBag', errors)
  session.flash('error', 'Please check the form: some fields need your attention.')
  if (keep.length) {
    session.flashOnly(keep)
  }
  return response.redirect().toRoute(route)
}
