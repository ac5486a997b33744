import type { ApplicationService } from '@adonisjs/core/types'
import type { QueueConfig } from '@adonisjs/queue/types'
import type { SendQueuedMailPayload } from '#jobs/mail/send_queued_mail'

type ExecutionWrapper = NonNullable<QueueConfig['executionWrapper']>

/**
 * Wiring that belongs to Guildhall rather than to a package.
 */
export default class AppProvider {
  /** Jobs this process is running right now (in `queue:work`; tests run them inline). */
  #jobsInFlight = 0

  constructor(protected app: ApplicationService) {}

  register() {
    this.#trackJobsInFlight()
  }

  async boot() {
    // Queued mail goes through the persistent job queue instead of the mail package's default
    // in-memory queue, which would lose messages on a restart.
    const mail = await this.app.container.make('mail.manager')
    const { default: SendQueuedMail } = await import('#jobs/mail/send_queued_mail')
    mail.setMessenger((mailer) => ({
      async queue(mailMessage, sendConfig) {
        // A worker gets the message back from storage as JSON (a date becomes text). Passing it
        // through JSON here too makes the in-process queue of tests hand the job the same.
        const payload: SendQueuedMailPayload = JSON.parse(
          JSON.stringify({ mailerName: mailer.name, mailMessage, sendConfig })
        )
        await SendQueuedMail.dispatch(payload)
      },
    }))

    // Shield builds its middleware anew for every request: a container lookup, a dynamic import
    // of Edge, and the CSP directives normalised again. The middleware keeps no request state,
    // so one instance, built by the package's own binding, serves every request.
    const { default: ShieldMiddleware } = await import('@adonisjs/shield/shield_middleware')
    this.app.container.bindValue(ShieldMiddleware, await this.app.container.make(ShieldMiddleware))

    // On SIGTERM the worker stops taking jobs and lets running ones finish, but the app's
    // shutdown would close the database under them at the same time: a mail sent but never
    // marked done would be sent again. Terminating hooks run before the connections close.
    if (this.app.getEnvironment() === 'console') {
      this.app.terminating(() => this.#waitForJobsInFlight())
    }
  }

  async ready() {
    // Registered once the server listens, so it runs before the hook that waits for the close.
    if (this.app.getEnvironment() === 'web') {
      this.app.terminating(() => this.#closeConnectionsOnceIdle())
    }
  }

  /**
   * The HTTP server stops accepting connections on SIGTERM and waits for those still open, but
   * a keep-alive connection whose request finished during that wait would hold the exit for
   * its whole timeout. Close each one as soon as it is idle.
   */
  async #closeConnectionsOnceIdle() {
    const server = await this.app.container.make('server')
    const nodeServer = server.getNodeServer()
    if (!nodeServer?.listening) return
    const timer = setInterval(() => nodeServer.closeIdleConnections(), 100)
    nodeServer.once('close', () => clearInterval(timer))
  }

  /**
   * Counts running jobs through the queue's execution wrapper, which encloses both the job
   * and the adapter call that marks it completed or failed.
   */
  #trackJobsInFlight() {
    const wrapped = this.app.config.get<QueueConfig>('queue').executionWrapper
    const track: ExecutionWrapper = async (run, job, queue) => {
      this.#jobsInFlight++
      try {
        return await (wrapped ? wrapped(run, job, queue) : run())
      } finally {
        this.#jobsInFlight--
      }
    }
    this.app.config.set('queue.executionWrapper', track)
  }

  async #waitForJobsInFlight(timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs
    let idleChecks = 0
    // Two idle checks in a row: a job acquired just before the signal starts a moment later.
    while (idleChecks < 2 && Date.now() < deadline) {
      idleChecks = this.#jobsInFlight === 0 ? idleChecks + 1 : 0
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
