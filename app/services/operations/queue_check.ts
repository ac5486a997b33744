import { BaseCheck, Result } from '@adonisjs/core/health'
import queue from '@adonisjs/queue/services/main'
import FailedJobsService from '#services/operations/failed_jobs_service'
import SendQueuedMail from '#jobs/mail/send_queued_mail'

/**
 * The queue's storage answers a cheap question (how many mails wait), so queued mail can be
 * stored. Failed jobs are reported in the metadata; they need an admin, not a restart.
 */
export class QueueCheck extends BaseCheck {
  name = 'Queue storage check'

  async run() {
    const backend = FailedJobsService.backend
    try {
      const pending = await queue.use(backend).sizeOf(SendQueuedMail.options?.queue ?? 'default')
      return Result.ok(`The ${backend} queue answers`).mergeMetaData({ backend, pending })
    } catch (error) {
      return Result.failed(`The ${backend} queue does not answer`, error as Error).mergeMetaData({
        backend,
      })
    }
  }
}
