import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import UserTokenService from '#services/auth/user_token_service'
import { authLinks } from '#services/auth/auth_links'
import MemberInvitationMail from '#mails/members/member_invitation_mail'

/**
 * Invites one imported member to choose a password, through the password reset link (the same
 * single-use, hashed token). Imports dispatch these in batches instead of mailing in the request.
 */
export default class SendMemberInvitation extends Job<{ userId: number }> {
  static options: JobOptions = { maxRetries: 5 }

  async execute() {
    const user = await User.find(this.payload.userId)
    if (!user || !user.canSignIn) return
    const token = await UserTokenService.issue(user, 'password_reset')
    await mail.send(
      new MemberInvitationMail(user, authLinks.resetPassword(token), authLinks.forgotPassword())
    )
  }
}
