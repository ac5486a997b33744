import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import SessionRegistry from '#services/auth/session_registry'
import { describeDevice } from '#services/account/device'

/**
 * "Where am I signed in": the member's sessions, and ending them.
 */
export default class AccountSessionsService {
  static async list(user: User, ctx: HttpContext) {
    const sessions = await new SessionRegistry(ctx).list(user)
    return sessions.map((session) => ({
      ...session,
      device: describeDevice(session.userAgent),
      signedInAt: session.signedInAt ? new Date(session.signedInAt) : null,
      lastSeenAt: session.lastSeenAt ? new Date(session.lastSeenAt) : null,
    }))
  }

  /**
   * Ends one of the member's own sessions. Returns false for an id that is not theirs.
   */
  static async revoke(user: User, sessionId: string, ctx: HttpContext) {
    const revoked = await new SessionRegistry(ctx).revoke(user, sessionId)
    if (revoked) {
      await AuditLogService.record({ action: 'session.revoked', actor: user, subject: user }, ctx)
    }
    return revoked
  }

  /**
   * Ends every session of the member; with `keepCurrent`, all but the one making the request.
   */
  static async revokeAll(user: User, ctx: HttpContext, { keepCurrent }: { keepCurrent: boolean }) {
    await SessionRegistry.revokeAll(user, keepCurrent ? ctx.session.sessionId : undefined)
    await AuditLogService.record(
      {
        action: 'sessions.revoked_all',
        actor: user,
        subject: user,
        meta: { keptCurrent: keepCurrent },
      },
      ctx
    )
  }
}
