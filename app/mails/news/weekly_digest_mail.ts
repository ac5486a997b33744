import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type { DigestItem } from '#services/news/digest_sections'
import { newsLinks } from '#services/news/news_links'
import NotificationService from '#services/news/notification_service'

export default class WeeklyDigestMail extends BaseMail {
  subject = 'This week at the association'

  constructor(
    private user: User,
    private sections: { title: string; items: DigestItem[] }[]
  ) {
    super()
  }

  prepare() {
    const unsubscribeUrl = newsLinks.unsubscribe(
      NotificationService.unsubscribeToken(this.user.id, 'digest')
    )
    const data = {
      name: this.user.name,
      sections: this.sections,
      unsubscribeUrl,
      settingsUrl: newsLinks.settings(),
    }
    this.message
      .to(this.user.email)
      .listUnsubscribe(unsubscribeUrl, { oneClick: true })
      .htmlView('mails/news/weekly_digest_html', data)
      .textView('mails/news/weekly_digest_text', data)
  }
}
