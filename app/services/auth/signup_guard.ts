import encryption from '@adonisjs/core/services/encryption'

const PURPOSE = 'signup_form'
export const MIN_FILL_MS = 3_000

/**
 * Cheap defences against sign-up bots that need nothing from people: a field they never see
 * (bots fill every input), and the time the form was shown, encrypted so it cannot be forged
 * (bots submit within milliseconds).
 */
export default class SignupGuard {
  static formToken(shownAt = Date.now()) {
    return encryption.encrypt({ shownAt }, { expiresIn: '1 day', purpose: PURPOSE })
  }

  static looksAutomated(fields: { website?: string | null; formToken?: string | null }) {
    if (fields.website) {
      return true
    }
    const payload = fields.formToken
      ? encryption.decrypt<{ shownAt?: unknown }>(fields.formToken, PURPOSE)
      : null
    if (!payload || typeof payload.shownAt !== 'number') {
      return true
    }
    return Date.now() - payload.shownAt < MIN_FILL_MS
  }
}
