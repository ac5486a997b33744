import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import ReminderService from '#services/events/reminder_service'

/**
 * One reminder mail; ReminderService.send claims it first, so a retried or repeated job never
 * mails twice.
 */
export default class SendEventReminder extends Job<{ reminderId: number }> {
  static options: JobOptions = { maxRetries: 8 }

  async execute() {
    await ReminderService.send(this.payload.reminderId)
  }
}
