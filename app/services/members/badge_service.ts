import string from '@adonisjs/core/helpers/string'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import Badge from '#models/badge'
import MemberBadge from '#models/member_badge'
import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import type User from '#models/user'
import AuditLogService, { type AuditSource } from '#services/audit/audit_log_service'
import { affectedRows } from '#services/database/affected_rows'

/**
 * Badges: admins define them, the board awards and revokes them. Each award and revocation is
 * a line in the member's membership history and in the audit log.
 */
export default class BadgeService {
  static async save(
    badge: Badge | null,
    input: { name: string; description?: string | null; icon: string },
    actor: User,
    ctx?: AuditSource
  ) {
    const record = badge ?? new Badge()
    record.merge({
      name: input.name,
      description: input.description ?? null,
      icon: input.icon,
      slug: string.slug(input.name, { lower: true, strict: true }),
    })
    await record.save()
    await AuditLogService.record(
      { action: 'badge.saved', actor, meta: { badgeId: record.id, name: record.name } },
      ctx
    )
    return record
  }

  static async destroy(badge: Badge, actor: User, ctx?: AuditSource) {
    await badge.delete()
    await AuditLogService.record(
      { action: 'badge.deleted', actor, meta: { badgeId: badge.id, name: badge.name } },
      ctx
    )
  }

  /** Awards a badge; false when the member already holds it. */
  static async award(
    badge: Badge,
    member: User,
    actor: User,
    note: string | null,
    ctx?: AuditSource | null
  ) {
    const awarded = await db.transaction(async (trx) => {
      const existing = await MemberBadge.query({ client: trx })
        .where('badge_id', badge.id)
        .where('user_id', member.id)
        .first()
      if (existing) return false
      await MemberBadge.create(
        {
          badgeId: badge.id,
          userId: member.id,
          note,
          awardedById: actor.id,
          awardedAt: DateTime.utc(),
        },
        { client: trx }
      )
      await this.#history(member.id, 'badge_awarded', badge, actor, note, trx)
      return true
    })
    if (awarded) {
      await AuditLogService.record(
        { action: 'badge.awarded', actor, subject: member, meta: { badgeId: badge.id, note } },
        ctx
      )
    }
    return awarded
  }

  static async revoke(
    badge: Badge,
    member: User,
    actor: User,
    note: string | null,
    ctx?: AuditSource | null
  ) {
    const revoked = await db.transaction(async (trx) => {
      const deleted = await MemberBadge.query({ client: trx })
        .where('badge_id', badge.id)
        .where('user_id', member.id)
        .delete()
      const count = affectedRows(deleted)
      if (count === 0) return false
      await this.#history(member.id, 'badge_revoked', badge, actor, note, trx)
      return true
    })
    if (revoked) {
      await AuditLogService.record(
        { action: 'badge.revoked', actor, subject: member, meta: { badgeId: badge.id, note } },
        ctx
      )
    }
    return revoked
  }

  static async #history(
    userId: number,
    event: 'badge_awarded' | 'badge_revoked',
    badge: Badge,
    actor: User,
    note: string | null,
    trx: TransactionClientContract
  ) {
    const membership = await Membership.query({ client: trx }).where('user_id', userId).first()
    if (!membership) return
    await MembershipHistory.create(
      {
        membershipId: membership.id,
        event,
        reason: note,
        actorId: actor.id,
        meta: { badgeId: badge.id, badge: badge.name },
      },
      { client: trx }
    )
  }
}
