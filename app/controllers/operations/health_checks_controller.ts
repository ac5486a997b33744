import type { HttpContext } from '@adonisjs/core/http'
import type { HealthChecks } from '@adonisjs/core/health'
import { healthChecks } from '#start/health'
import AdminPolicy from '#policies/admin_policy'

/**
 * Probes for the load balancer or orchestrator, which read the status code. Anyone else learns
 * the overall status only: which database, queue storage and drivers run the portal, and what
 * a failing one said, are for admins and for the log.
 */
export default class HealthChecksController {
  constructor(protected checks: HealthChecks = healthChecks) {}

  async live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  async ready({ bouncer, logger, response }: HttpContext) {
    const report = await this.checks.run()
    const checks = report.checks.map(({ name, status, message, meta }) => {
      const { error, ...details } = meta ?? {}
      if (status !== 'ok') {
        logger.warn(
          { err: error, check: name, status, reason: message, meta: details },
          'health check did not pass'
        )
      }
      return { name, status, message, meta: details }
    })
    const body = (await bouncer.with(AdminPolicy).allows('viewHealthReport'))
      ? {
          status: report.status,
          isHealthy: report.isHealthy,
          finishedAt: report.finishedAt,
          checks,
        }
      : { status: report.status }
    return report.isHealthy ? response.ok(body) : response.serviceUnavailable(body)
  }
}
