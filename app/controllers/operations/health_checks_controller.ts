import type { HttpContext } from '@adonisjs/core/http'
import type { HealthChecks } from '@adonisjs/core/health'
import { healthChecks } from '#start/health'

/**
 * Probes for the load balancer or orchestrator. The readiness report names each check and its
 * outcome; errors behind a failure go to the log, not to whoever asks.
 */
export default class HealthChecksController {
  constructor(protected checks: HealthChecks = healthChecks) {}

  async live({ response }: HttpContext) {
    return response.ok({ status: 'ok', uptime: Math.round(process.uptime()) })
  }

  async ready({ logger, response }: HttpContext) {
    const report = await this.checks.run()
    const checks = report.checks.map(({ name, status, message, meta }) => {
      const { error, ...details } = meta ?? {}
      if (error) {
        logger.warn({ err: error, check: name }, 'health check failed')
      }
      return { name, status, message, meta: details }
    })
    const body = {
      status: report.status,
      isHealthy: report.isHealthy,
      finishedAt: report.finishedAt,
      checks,
    }
    return report.isHealthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
