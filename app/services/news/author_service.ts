import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'

/**
 * The author permission: admins let members who are not on the board write news posts, which
 * an editor then reviews. Board members are authors by their role.
 */
export default class AuthorService {
  static list() {
    return User.query()
      .where('can_author', true)
      .whereNot('status', 'disabled')
      .orderBy('full_name')
  }

  /**
   * Returns false when no member has this address (non-members cannot be authors).
   */
  static async grant(email: string, admin: User, ctx?: HttpContext) {
    const user = await User.query()
      .where('email', email)
      .whereIn('role', ['member', 'board', 'admin'])
      .first()
    if (!user) return false
    if (!user.canAuthor) {
      user.canAuthor = true
      await user.save()
      await AuditLogService.record({ action: 'author.granted', actor: admin, subject: user }, ctx)
    }
    return true
  }

  static async revoke(user: User, admin: User, ctx?: HttpContext) {
    if (!user.canAuthor) return
    user.canAuthor = false
    await user.save()
    await AuditLogService.record({ action: 'author.revoked', actor: admin, subject: user }, ctx)
  }
}
