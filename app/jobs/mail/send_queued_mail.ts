import { Job } from '@adonisjs/queue'
import mail from '@adonisjs/mail/services/main'
import type { JobOptions } from '@adonisjs/queue/types'
import type { MessageBodyTemplates, NodeMailerMessage } from '@adonisjs/mail/types'

export interface SendQueuedMailPayload {
  mailerName: string
  mailMessage: { message: NodeMailerMessage; views: MessageBodyTemplates }
  sendConfig?: unknown
}

/**
 * Every `mail.sendLater(...)` becomes this job (see providers/app_provider.ts), so a message is
 * stored before the request returns, retried with backoff when the mail server fails, and kept
 * as a failed job for an admin to retry once retries run out.
 */
export default class SendQueuedMail extends Job<SendQueuedMailPayload> {
  // On the default queue, so a plain `node ace queue:work` delivers mail.
  static options: JobOptions = {
    maxRetries: 8,
  }

  async execute() {
    const { mailerName, mailMessage, sendConfig } = this.payload
    await mail.use(mailerName as any).sendCompiled(mailMessage, sendConfig)
  }
}
