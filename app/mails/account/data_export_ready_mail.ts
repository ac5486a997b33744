import { BaseMail } from '@adonisjs/mail'
import type DataExport from '#models/data_export'
import type User from '#models/user'
import { zoneOf } from '#models/user'
import { formatDateTime } from '#services/formatting/display'

/**
 * The link to a member's data archive, sent when the job has built it. The link opens only
 * for the member, signed in.
 */
export default class DataExportReadyMail extends BaseMail {
  subject = 'Your data is ready to download'

  constructor(
    private user: User,
    private dataExport: DataExport,
    private url: string
  ) {
    super()
  }

  prepare() {
    // Written out here: a queued message reaches its templates as JSON, where a date is text.
    const data = {
      name: this.user.name,
      url: this.url,
      until: formatDateTime(this.dataExport.expiresAt, zoneOf(this.user)),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/account/data_export_ready_html', data)
      .textView('mails/account/data_export_ready_text', data)
  }
}
