import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type { BulkAction, BulkResult } from '#services/members/bulk_service'

const ACTION_NAMES: Record<BulkAction['action'], string> = {
  status: 'Status change',
  badge: 'Badge award',
  message: 'Message',
}

/** What a bulk action did, for the board member who started it. */
export default class BulkActionReportMail extends BaseMail {
  constructor(
    private actor: User,
    private action: BulkAction,
    private result: BulkResult
  ) {
    super()
    this.subject = `${ACTION_NAMES[action.action]}: done for ${result.done} member${result.done === 1 ? '' : 's'}`
  }

  prepare() {
    const data = {
      name: this.actor.name,
      actionName: ACTION_NAMES[this.action.action],
      done: this.result.done,
      skipped: this.result.skipped,
    }
    this.message
      .to(this.actor.email)
      .htmlView('mails/members/bulk_action_report_html', data)
      .textView('mails/members/bulk_action_report_text', data)
  }
}
