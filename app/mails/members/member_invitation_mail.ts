import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/** Sent to people imported by an admin: their account exists, they only choose a password. */
export default class MemberInvitationMail extends BaseMail {
  constructor(
    private user: User,
    private setPasswordUrl: string,
    private forgotPasswordUrl: string
  ) {
    super()
    this.subject = 'Your member account is ready: choose a password'
  }

  prepare() {
    const data = {
      name: this.user.name,
      url: this.setPasswordUrl,
      forgotUrl: this.forgotPasswordUrl,
    }
    this.message
      .to(this.user.email)
      .htmlView('mails/members/member_invitation_html', data)
      .textView('mails/members/member_invitation_text', data)
  }
}
