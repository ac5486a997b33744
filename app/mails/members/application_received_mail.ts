import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type MembershipType from '#models/membership_type'
import { memberLinks } from '#services/members/member_links'

/** Confirms an application reached the board. */
export default class ApplicationReceivedMail extends BaseMail {
  constructor(
    private user: User,
    private type: MembershipType
  ) {
    super()
    this.subject = 'We received your membership application'
  }

  prepare() {
    const data = {
      name: this.user.name,
      typeName: this.type.name,
      membershipUrl: memberLinks.membership(),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/members/application_received_html', data)
      .textView('mails/members/application_received_text', data)
  }
}
