import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type Membership from '#models/membership'
import type { ReminderKind } from '#models/membership_reminder'
import { memberLinks } from '#services/members/member_links'

const SUBJECTS: Record<ReminderKind, string> = {
  days_30: 'Your membership expires within a month',
  days_7: 'Your membership expires within a week',
  expiry_day: 'Your membership expires today',
}

/** A renewal reminder before (or on) the expiry date. */
export default class RenewalReminderMail extends BaseMail {
  constructor(
    private user: User,
    private membership: Membership,
    private kind: ReminderKind
  ) {
    super()
    this.subject = SUBJECTS[kind]
  }

  prepare() {
    const data = {
      name: this.user.name,
      headline: SUBJECTS[this.kind],
      expiresOn: this.membership.expiresOn?.toISODate(),
      membershipUrl: memberLinks.membership(),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/members/renewal_reminder_html', data)
      .textView('mails/members/renewal_reminder_text', data)
  }
}
