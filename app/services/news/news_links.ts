import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/**
 * Absolute links for feeds and mails, which are read outside the site.
 */
export const newsLinks = {
  index: () => urlFor('news.index', {}, { prefixUrl: appUrl }),
  post: (slug: string) => urlFor('news.show', { slug }, { prefixUrl: appUrl }),
  category: (slug: string) => urlFor('news.category', { slug }, { prefixUrl: appUrl }),
  unsubscribe: (token: string) => urlFor('news_unsubscribe.show', { token }, { prefixUrl: appUrl }),
  settings: () => urlFor('news_notifications.edit', {}, { prefixUrl: appUrl }),
  absolute: (path: string) => new URL(path, appUrl).href,
}
