import { BaseMail } from '@adonisjs/mail'
import type Post from '#models/post'
import type User from '#models/user'
import { toPlainText } from '#services/content/rich_text'
import { newsLinks } from '#services/news/news_links'
import NotificationService from '#services/news/notification_service'

/**
 * A new post in a category the member follows, with a one-click unsubscribe (RFC 8058) for
 * that category.
 */
export default class NewPostMail extends BaseMail {
  constructor(
    private user: User,
    private post: Post
  ) {
    super()
    this.subject = post.title
  }

  prepare() {
    const unsubscribeUrl = newsLinks.unsubscribe(
      NotificationService.unsubscribeToken(this.user.id, this.post.categoryId!)
    )
    const text = toPlainText(this.post.bodyHtml)
    const data = {
      name: this.user.name,
      title: this.post.title,
      summary: this.post.summary || (text.length > 400 ? `${text.slice(0, 400)}…` : text),
      categoryName: this.post.category?.name ?? '',
      postUrl: newsLinks.post(this.post.slug),
      unsubscribeUrl,
      settingsUrl: newsLinks.settings(),
    }
    this.message
      .to(this.user.email)
      .listUnsubscribe(unsubscribeUrl, { oneClick: true })
      .htmlView('mails/news/new_post_html', data)
      .textView('mails/news/new_post_text', data)
  }
}
