import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type MembershipType from '#models/membership_type'
import type Membership from '#models/membership'
import { memberLinks } from '#services/members/member_links'

/** Tells an applicant the board's decision: the member number, or the reason for a refusal. */
export default class ApplicationDecidedMail extends BaseMail {
  constructor(
    private user: User,
    private type: MembershipType,
    private membership: Membership | null,
    private reason: string | null
  ) {
    super()
    this.subject = membership
      ? 'Welcome: your membership application is approved'
      : 'Your membership application was not accepted'
  }

  prepare() {
    const data = {
      name: this.user.name,
      typeName: this.type.name,
      approved: this.membership !== null,
      memberNumber: this.membership?.memberNumber ?? null,
      expiresOn: this.membership?.expiresOn?.toISODate() ?? null,
      reason: this.reason,
      membershipUrl: memberLinks.membership(),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/members/application_decided_html', data)
      .textView('mails/members/application_decided_text', data)
  }
}
