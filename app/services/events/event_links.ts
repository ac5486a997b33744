import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/**
 * Absolute links for calendars and mails, which are read outside the site.
 */
export const eventLinks = {
  show: (id: number) => urlFor('events.show', { id }, { prefixUrl: appUrl }),
  ticket: (id: number) => urlFor('event_tickets.show', { id }, { prefixUrl: appUrl }),
  checkIn: (id: number, code: string) =>
    urlFor('event_check_ins.index', { id }, { prefixUrl: appUrl, qs: { code } }),
  publicFeed: () => urlFor('event_feeds.public', {}, { prefixUrl: appUrl }),
  personalFeed: (token: string) => urlFor('event_feeds.personal', { token }, { prefixUrl: appUrl }),
  webcal: (httpsUrl: string) => httpsUrl.replace(/^https?:\/\//, 'webcal://'),
  host: () => new URL(appUrl).host,
}
