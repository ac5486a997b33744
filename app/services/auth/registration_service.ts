import type { HttpContext } from '@adonisjs/core/http'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import EmailVerificationService from '#services/auth/email_verification_service'
import ExistingAccountMail from '#mails/auth/existing_account_mail'
import { authLinks } from '#services/auth/auth_links'

export interface Registration {
  fullName: string
  email: string
  password: string
}

/**
 * Creating an account. The visitor sees the same answer whether or not the address already has
 * an account; the existing owner gets a note instead of a second account.
 */
export default class RegistrationService {
  static async register(data: Registration, ctx: Pick<HttpContext, 'request'>) {
    const existing = await User.findBy('email', data.email)
    if (existing) {
      // Hashing anyway keeps the answer as slow as a real sign-up.
      await hash.make(data.password)
      await this.notifyExistingOwner(existing)
      return
    }

    let user: User
    try {
      user = await User.create({
        fullName: data.fullName,
        email: data.email,
        password: data.password,
        role: 'user',
        status: 'active',
      })
    } catch (error) {
      // Two simultaneous sign-ups with one address: the unique index lets one through.
      const winner = await User.findBy('email', data.email)
      if (!winner) {
        throw error
      }
      await this.notifyExistingOwner(winner)
      return
    }
    await AuditLogService.record({ action: 'account.created', subject: user, actor: user }, ctx)
    await EmailVerificationService.send(user)
  }

  private static async notifyExistingOwner(user: User) {
    await mail.sendLater(
      new ExistingAccountMail(user, {
        login: authLinks.login(),
        forgotPassword: authLinks.forgotPassword(),
      })
    )
  }
}
