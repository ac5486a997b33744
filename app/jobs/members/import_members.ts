import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import MembershipPolicy from '#policies/membership_policy'
import type { AuditOrigin } from '#services/audit/audit_log_service'
import MemberImportService from '#services/members/member_import_service'
import MemberImportReportMail from '#mails/members/member_import_report_mail'

/**
 * A confirmed CSV import (up to 5,000 rows), run outside the request from the file the
 * confirmation staged. The admin who confirmed gets a report by mail. A retry after a partial
 * run imports the file again, which updates the members already created instead of duplicating
 * them; once a run has finished, the file is gone and a repeat does nothing.
 */
export default class ImportMembers extends Job<{
  key: string
  actorId: number
  origin: AuditOrigin
}> {
  static options: JobOptions = { maxRetries: 2 }

  async execute() {
    const actor = await User.find(this.payload.actorId)
    // An admin who lost the right since confirming imports nothing.
    if (!actor || !new MembershipPolicy().import(actor)) {
      await MemberImportService.unstage(this.payload.key)
      return
    }
    const report = await MemberImportService.importStaged(
      this.payload.key,
      actor,
      this.payload.origin
    )
    if (report) await mail.sendLater(new MemberImportReportMail(actor, report))
  }
}
