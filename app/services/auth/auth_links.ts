import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/**
 * Absolute links for mails, which are read outside the site.
 */
export const authLinks = {
  login: () => urlFor('session.create', {}, { prefixUrl: appUrl }),
  forgotPassword: () => urlFor('password_reset.create', {}, { prefixUrl: appUrl }),
  verifyEmail: (token: string) =>
    urlFor('email_verification.verify', { token }, { prefixUrl: appUrl }),
  resetPassword: (token: string) => urlFor('password_reset.edit', { token }, { prefixUrl: appUrl }),
}
