import { Job } from '@adonisjs/queue'
import RenewalService from '#services/members/renewal_service'

/**
 * Daily: renewal reminders (30 and 7 days ahead, and on the day), then expired memberships
 * into grace and lapsed ones to inactive. Safe to run twice. Scheduled in start/scheduler.ts.
 */
export default class RunMembershipRenewals extends Job<Record<string, never>> {
  async execute() {
    await RenewalService.runDaily()
  }
}
