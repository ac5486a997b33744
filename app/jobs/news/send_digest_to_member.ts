import { Job } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import type { JobOptions } from '@adonisjs/queue/types'
import User from '#models/user'
import digestSections from '#services/news/digest_sections'
import WeeklyDigestMail from '#mails/news/weekly_digest_mail'
import '#services/news/news_digest'

/**
 * One member's weekly digest: every registered section (news, and whatever other modules
 * add) collects what is new for this member; nothing is sent when all are empty.
 */
export default class SendDigestToMember extends Job<{ userId: number; since: string }> {
  static options: JobOptions = { maxRetries: 8 }

  async execute() {
    const user = await User.find(this.payload.userId)
    if (!user || !user.canSignIn || !user.isVerified) return
    const since = DateTime.fromISO(this.payload.since, { zone: 'utc' })
    const sections = []
    for (const section of digestSections.all()) {
      const items = await section.collect(user, since)
      if (items.length > 0) sections.push({ title: section.title, items })
    }
    if (sections.length === 0) return
    await mail.send(new WeeklyDigestMail(user, sections))
  }
}
