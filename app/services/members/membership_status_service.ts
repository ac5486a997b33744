import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import Membership, { GOOD_STANDING, type MembershipStatus } from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'
import type MembershipType from '#models/membership_type'
import User from '#models/user'
import AuditLogService, { type AuditSource } from '#services/audit/audit_log_service'
import { canTransition, TransitionRefusedError } from '#services/members/transitions'
import MemberNumbers from '#services/members/member_numbers'
import MembershipStatusChangedMail from '#mails/members/membership_status_changed_mail'
import { affectedRows } from '#services/database/affected_rows'

export class MembershipConflictError extends Error {
  constructor() {
    super('The membership was changed by someone else in the meantime')
  }
}

export interface StatusChangeOptions {
  actor?: User | null
  reason?: string | null
  ctx?: AuditSource | null
  /** Set a new expiry with the change (renewals, re-approval); undefined keeps it. */
  expiresOn?: DateTime | null
  startedOn?: DateTime | null
  event?: 'status_change' | 'renewal'
  notify?: boolean
  /** False when the caller records its own, more specific audit entry. */
  audit?: boolean
  client?: TransactionClientContract
}

/**
 * The one door through which a membership's status changes: it refuses transitions the table in
 * `transitions.ts` does not allow, updates only if nobody changed the status meanwhile, writes
 * the history line, keeps the member's role (and seat holders' roles) in step, mails the member
 * and, for board decisions, the audit log.
 */
export default class MembershipStatusService {
  static async change(
    membership: Membership,
    to: MembershipStatus,
    options: StatusChangeOptions = {}
  ) {
    const from = membership.status
    if (!canTransition(from, to)) {
      throw new TransitionRefusedError(from, to)
    }
    const previousExpiry = membership.expiresOn

    const run = async (trx: TransactionClientContract) => {
      const now = DateTime.utc()
      const changes: Record<string, unknown> = {
        status: to,
        status_changed_at: now.toSQL(),
        updated_at: now.toSQL(),
      }
      if (options.expiresOn !== undefined)
        changes.expires_on = options.expiresOn?.toISODate() ?? null
      if (options.startedOn !== undefined)
        changes.started_on = options.startedOn?.toISODate() ?? null
      const memberNumber =
        to === 'active' && !membership.memberNumber ? await MemberNumbers.next(trx) : null
      if (memberNumber) changes.member_number = memberNumber
      const updated = await trx
        .from('memberships')
        .where('id', membership.id)
        .where('status', from)
        .update(changes)
      if (affectedRows(updated) !== 1) {
        throw new MembershipConflictError()
      }
      await MembershipHistory.create(
        {
          membershipId: membership.id,
          event: options.event ?? 'status_change',
          fromStatus: from,
          toStatus: to,
          fromExpiresOn: previousExpiry,
          toExpiresOn: options.expiresOn !== undefined ? options.expiresOn : previousExpiry,
          reason: options.reason ?? null,
          actorId: options.actor?.id ?? null,
        },
        { client: trx }
      )
      await this.syncRolesFor(membership.id, trx)

      // Mirror the row on the instance (no refresh: it may still sit in the caller's transaction).
      membership.status = to
      membership.statusChangedAt = now
      if (options.expiresOn !== undefined) membership.expiresOn = options.expiresOn
      if (options.startedOn !== undefined) membership.startedOn = options.startedOn
      if (memberNumber) membership.memberNumber = memberNumber
    }

    if (options.client) {
      await run(options.client)
    } else {
      await db.transaction(run)
    }

    // Inside a caller's transaction the caller audits and mails once it has committed.
    if (options.client) return membership

    if (options.actor && options.audit !== false) {
      await AuditLogService.record(
        {
          action: 'membership.status_changed',
          actor: options.actor,
          subject: await User.find(membership.userId),
          meta: { membershipId: membership.id, from, to, reason: options.reason ?? null },
        },
        options.ctx
      )
    }
    if (options.notify !== false) {
      const user = await User.findOrFail(membership.userId)
      await mail.sendLater(
        new MembershipStatusChangedMail(user, membership, from, to, options.reason ?? null)
      )
    }
    return membership
  }

  /**
   * Makes `user` an active member of `type` inside the caller's transaction: a new membership,
   * or the user's lapsed one brought back (inactive/pending → active) with a fresh term. Used by
   * approvals and imports; the caller mails the member. The term runs as long as the type says
   * unless `expiresOn` is given (an import carries the expiry the member already paid for).
   */
  static async admit(
    user: User,
    type: MembershipType,
    trx: TransactionClientContract,
    options: {
      actor?: User | null
      reason?: string | null
      startedOn?: DateTime
      expiresOn?: DateTime | null
    } = {}
  ) {
    const today = (options.startedOn ?? DateTime.utc()).startOf('day')
    const expiresOn = options.expiresOn !== undefined ? options.expiresOn : type.expiryFrom(today)
    const existing = await Membership.query({ client: trx }).where('user_id', user.id).first()
    if (existing) {
      if (existing.status !== 'active' && existing.status !== 'grace') {
        // Switch type before the status change so the history line describes the new term.
        await trx
          .from('memberships')
          .where('id', existing.id)
          .update({ membership_type_id: type.id })
        existing.membershipTypeId = type.id
        await this.change(existing, 'active', {
          actor: options.actor,
          reason: options.reason,
          startedOn: today,
          expiresOn,
          notify: false,
          client: trx,
        })
      }
      return existing
    }

    const membership = await Membership.create(
      {
        userId: user.id,
        membershipTypeId: type.id,
        status: 'active',
        memberNumber: await MemberNumbers.next(trx),
        startedOn: today,
        expiresOn,
        statusChangedAt: DateTime.utc(),
      },
      { client: trx }
    )
    await MembershipHistory.create(
      {
        membershipId: membership.id,
        event: 'status_change',
        fromStatus: null,
        toStatus: 'active',
        fromExpiresOn: null,
        toExpiresOn: membership.expiresOn,
        reason: options.reason ?? null,
        actorId: options.actor?.id ?? null,
      },
      { client: trx }
    )
    await this.syncRolesFor(membership.id, trx)
    return membership
  }

  /** Re-derives the role of a membership's holder and of everyone seated on it. */
  static async syncRolesFor(membershipId: number, trx: TransactionClientContract) {
    const membership = await Membership.query({ client: trx })
      .where('id', membershipId)
      .firstOrFail()
    const seats = await MembershipSeat.query({ client: trx })
      .where('membership_id', membershipId)
      .whereNotNull('user_id')
      .whereNotNull('accepted_at')
    const userIds = [membership.userId, ...seats.map((seat) => seat.userId!)]
    for (const userId of userIds) {
      await this.syncRole(userId, trx)
    }
  }

  /**
   * A user is a member while their own membership, or the membership whose seat they hold, is
   * in good standing. Board members and admins keep their role whatever their membership does.
   */
  static async syncRole(userId: number, trx: TransactionClientContract) {
    const user = await User.query({ client: trx }).where('id', userId).first()
    if (!user || user.isBoard) return
    const own = await trx
      .from('memberships')
      .where('user_id', userId)
      .whereIn('status', GOOD_STANDING as MembershipStatus[])
      .first()
    const seat =
      own ??
      (await trx
        .from('membership_seats')
        .join('memberships', 'memberships.id', 'membership_seats.membership_id')
        .where('membership_seats.user_id', userId)
        .whereNotNull('membership_seats.accepted_at')
        .whereIn('memberships.status', GOOD_STANDING as MembershipStatus[])
        .first())
    const role = own || seat ? 'member' : 'user'
    if (user.role !== role) {
      user.role = role
      user.useTransaction(trx)
      await user.save()
    }
  }
}
