import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type { ImportReport } from '#services/members/member_import_service'

/** What a member import did, for the admin who confirmed it. */
export default class MemberImportReportMail extends BaseMail {
  constructor(
    private actor: User,
    private report: ImportReport
  ) {
    super()
    this.subject = `Member import done: ${report.created} created, ${report.updated} updated, ${report.skipped.length} skipped`
  }

  prepare() {
    const data = { name: this.actor.name, ...this.report }
    this.message
      .to(this.actor.email)
      .htmlView('mails/members/member_import_report_html', data)
      .textView('mails/members/member_import_report_text', data)
  }
}
