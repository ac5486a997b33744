import type { HttpContext } from '@adonisjs/core/http'
import AuditLog from '#models/audit_log'
import type User from '#models/user'

/** Where an audited action came from, kept for work that runs after the request (a job). */
export interface AuditOrigin {
  ip: string | null
  userAgent: string | null
}

/** The request that did it, or its origin recorded for later. */
export type AuditSource = Pick<HttpContext, 'request'> | AuditOrigin

export function auditOrigin(ctx: Pick<HttpContext, 'request'>): AuditOrigin {
  return {
    ip: ctx.request.ip(),
    userAgent: ctx.request.header('user-agent')?.slice(0, 512) ?? null,
  }
}

export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'account.locked',
  'account.unlocked',
  'password.changed',
  'password.reset',
  'email.changed',
  'role.changed',
  'status.changed',
  'session.revoked',
  'sessions.revoked_all',
  'account.created',
  'account.deleted',
  'data.exported',
  'data.export_downloaded',
  'job.retried',
  'post.published',
  'post.returned',
  'post.archived',
  'post.pinned',
  'post.unpinned',
  'post.deleted',
  'news_category.saved',
  'news_category.deleted',
  'author.granted',
  'author.revoked',
  'folder.created',
  'folder.updated',
  'folder.deleted',
  'folder.granted',
  'folder.grant_revoked',
  'document.uploaded',
  'document.version_added',
  'document.version_restored',
  'document.updated',
  'document.deleted',
  'event.created',
  'event.updated',
  'event.cancelled',
  'event.registration_approved',
  'event.registration_declined',
  'event.checked_in',
  'membership.status_changed',
  'membership.renewed',
  'membership.approved',
  'membership.rejected',
  'membership.exported',
  'membership.imported',
  'membership.messaged',
  'membership_type.saved',
  'badge.saved',
  'badge.deleted',
  'badge.awarded',
  'badge.revoked',
  'profile_field.saved',
  'profile_field.deleted',
  'seat.invited',
  'seat.removed',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  action: AuditAction
  actor?: User | null
  subject?: User | null
  subjectEmail?: string | null
  meta?: Record<string, unknown>
}

/**
 * The security audit trail: who did what to which account, from where. Every service that
 * changes something security-relevant records it here, from a request (with IP and user
 * agent) or from a command (without).
 */
export default class AuditLogService {
  static async record(entry: AuditEntry, source?: AuditSource | null) {
    const origin = source && 'request' in source ? auditOrigin(source) : source
    return AuditLog.create({
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      subjectId: entry.subject?.id ?? null,
      subjectEmail: entry.subjectEmail ?? entry.subject?.email ?? null,
      ip: origin?.ip ?? null,
      userAgent: origin?.userAgent ?? null,
      meta: entry.meta ? JSON.stringify(entry.meta) : null,
    })
  }
}
