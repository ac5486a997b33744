import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Wiring that belongs to Guildhall rather than to a package.
 */
export default class AppProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    // Queued mail goes through the persistent job queue instead of the mail package's default
    // in-memory queue, which would lose messages on a restart.
    const mail = await this.app.container.make('mail.manager')
    const { default: SendQueuedMail } = await import('#jobs/mail/send_queued_mail')
    mail.setMessenger((mailer) => ({
      async queue(mailMessage, sendConfig) {
        await SendQueuedMail.dispatch({ mailerName: mailer.name, mailMessage, sendConfig })
      },
    }))
  }
}
