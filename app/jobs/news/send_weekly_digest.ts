import { Job } from '@adonisjs/queue'
import NotificationService, { FAN_OUT_BATCH } from '#services/news/notification_service'
import SendDigestToMember from '#jobs/news/send_digest_to_member'

/**
 * The weekly digest (start/scheduler.ts, Monday morning): pages through the members who chose
 * it and queues one digest job each, a batch at a time, like the post announcements.
 */
export default class SendWeeklyDigest extends Job<{ afterUserId?: number; since?: string }> {
  async execute() {
    const since = this.payload.since ?? new Date(Date.now() - 7 * 24 * 3_600_000).toISOString()
    const recipients = await NotificationService.digestRecipientsPage(this.payload.afterUserId ?? 0)
    if (recipients.length === 0) return
    await SendDigestToMember.dispatchMany(recipients.map((userId) => ({ userId, since })))
    if (recipients.length === FAN_OUT_BATCH) {
      await SendWeeklyDigest.dispatch({ afterUserId: recipients[recipients.length - 1], since })
    }
  }
}
