import { BaseMail } from '@adonisjs/mail'
import type User from '#models/user'

/** Invites someone into a seat of an institutional or family membership. */
export default class SeatInvitationMail extends BaseMail {
  constructor(
    private email: string,
    private holder: User,
    private acceptUrl: string
  ) {
    super()
    this.subject = `${holder.name} invites you to share their membership`
  }

  prepare() {
    const data = { holderName: this.holder.name, url: this.acceptUrl }
    this.message
      .to(this.email)
      .htmlView('mails/members/seat_invitation_html', data)
      .textView('mails/members/seat_invitation_text', data)
  }
}
