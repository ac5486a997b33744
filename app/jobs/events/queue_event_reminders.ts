import { Job } from '@adonisjs/queue'
import ReminderService from '#services/events/reminder_service'

/**
 * The scheduled run (every 5 minutes): records due reminders and dispatches unsent ones.
 */
export default class QueueEventReminders extends Job<Record<string, never>> {
  async execute() {
    await ReminderService.run()
  }
}
