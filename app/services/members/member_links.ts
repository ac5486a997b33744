import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/** Absolute links for membership mails, which are read outside the site. */
export const memberLinks = {
  membership: () => urlFor('membership.show', {}, { prefixUrl: appUrl }),
  seatInvitation: (token: string) => urlFor('seats.accept', { token }, { prefixUrl: appUrl }),
}

/**
 * Profile paths for a list of members, such as a directory page of fifty. The URL builder
 * searches the whole route list on every call; here the route is built once and only the id
 * changes.
 */
export function profilePaths() {
  const placeholder = '__member__'
  const [before, after] = urlFor('member_profiles.show', { id: placeholder }).split(placeholder)
  return (id: number) => `${before}${id}${after}`
}
