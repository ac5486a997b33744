import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/** Absolute links for membership mails, which are read outside the site. */
export const memberLinks = {
  membership: () => urlFor('membership.show', {}, { prefixUrl: appUrl }),
  seatInvitation: (token: string) => urlFor('seats.accept', { token }, { prefixUrl: appUrl }),
}
