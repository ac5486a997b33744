import { Job } from '@adonisjs/queue'
import ReviewReminders from '#services/documents/review_reminders'

/**
 * Daily: reminds owners of documents whose review date has come (once per due date).
 * Scheduled in start/scheduler.ts.
 */
export default class SendReviewReminders extends Job<Record<string, never>> {
  async execute() {
    await ReviewReminders.sendDue()
  }
}
