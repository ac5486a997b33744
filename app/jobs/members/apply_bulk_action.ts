import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import type { AuditOrigin } from '#services/audit/audit_log_service'
import BulkService, { type BulkAction } from '#services/members/bulk_service'
import BulkActionReportMail from '#mails/members/bulk_action_report_mail'

/**
 * A confirmed bulk action, applied outside the request: up to 500 memberships, each changed
 * through the same services (and transactions) as a single change. The board member who asked
 * gets a report by mail. Running it again changes nothing twice: a membership already moved
 * is refused by its transition rules, a badge already held is skipped.
 */
export default class ApplyBulkAction extends Job<{
  membershipIds: number[]
  action: BulkAction
  actorId: number
  origin: AuditOrigin
}> {
  static options: JobOptions = { maxRetries: 2 }

  async execute() {
    const actor = await User.find(this.payload.actorId)
    if (!actor) return
    const memberships = await BulkService.load(this.payload.membershipIds)
    const result = await BulkService.apply(
      memberships,
      this.payload.action,
      actor,
      this.payload.origin
    )
    await mail.sendLater(new BulkActionReportMail(actor, this.payload.action, result))
  }
}
