import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'
import type Membership from '#models/membership'
import type { MembershipStatus } from '#models/membership'
import { memberLinks } from '#services/members/member_links'

const HEADLINES: Record<MembershipStatus, string> = {
  pending: 'Your membership is pending',
  active: 'Your membership is active',
  grace: 'Your membership has expired: renew to stay a member',
  inactive: 'Your membership has ended',
  suspended: 'Your membership is suspended',
}

/** Tells a member their membership's status changed, and why when the board gave a reason. */
export default class MembershipStatusChangedMail extends BaseMail {
  constructor(
    private user: User,
    private membership: Membership,
    private fromStatus: MembershipStatus,
    private toStatus: MembershipStatus,
    private reason: string | null
  ) {
    super()
    this.subject = HEADLINES[toStatus]
  }

  prepare() {
    const data = {
      name: this.user.name,
      headline: HEADLINES[this.toStatus],
      from: this.fromStatus,
      to: this.toStatus,
      reason: this.reason,
      expiresOn: this.membership.expiresOn?.toISODate() ?? null,
      memberNumber: this.membership.memberNumber,
      membershipUrl: memberLinks.membership(),
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/members/membership_status_changed_html', data)
      .textView('mails/members/membership_status_changed_text', data)
  }
}
