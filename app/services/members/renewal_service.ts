import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipType from '#models/membership_type'
import type { ReminderKind } from '#models/membership_reminder'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import MembershipStatusService, {
  MembershipConflictError,
} from '#services/members/membership_status_service'
import RenewalReminderMail from '#mails/members/renewal_reminder_mail'

export class RenewalRefusedError extends Exception {
  static status = 422
}

/**
 * Which reminder is due for an expiry `days` away. Windows rather than exact days, so a run
 * missed (a crash, a deploy) is caught up the next day; the reminders table keeps it to one
 * mail per kind and expiry date.
 */
const REMINDER_WINDOWS: { kind: ReminderKind; from: number; to: number }[] = [
  { kind: 'days_30', from: 8, to: 30 },
  { kind: 'days_7', from: 1, to: 7 },
  { kind: 'expiry_day', from: 0, to: 0 },
]

const CHUNK = 500

/**
 * Renewals and expiry: the daily run (reminders, active → grace → inactive) and the renewal an
 * admin records until the payments module takes over.
 */
export default class RenewalService {
  static async runDaily(today: DateTime = DateTime.utc()) {
    const day = today.toUTC().startOf('day')
    const sent = await this.sendReminders(day)
    const expired = await this.moveExpired(day)
    const lapsed = await this.moveLapsed(day)
    return { sent, expired, lapsed }
  }

  static async sendReminders(day: DateTime) {
    let sent = 0
    for (const window of REMINDER_WINDOWS) {
      let lastId = 0
      for (;;) {
        const batch = await Membership.query()
          .where('status', 'active')
          .whereBetween('expires_on', [
            day.plus({ days: window.from }).toISODate()!,
            day.plus({ days: window.to }).toISODate()!,
          ])
          .where('id', '>', lastId)
          .orderBy('id')
          .limit(CHUNK)
          .preload('user')
        if (batch.length === 0) break
        lastId = batch[batch.length - 1].id
        for (const membership of batch) {
          if (await this.#claimReminder(membership, window.kind)) {
            await mail.sendLater(new RenewalReminderMail(membership.user, membership, window.kind))
            sent++
          }
        }
      }
    }
    return sent
  }

  /** Records the reminder; false when it was already sent for this expiry date. */
  static async #claimReminder(membership: Membership, kind: ReminderKind) {
    const rows = await db
      .knexQuery()
      .table('membership_reminders')
      .insert({
        membership_id: membership.id,
        kind,
        expires_on: membership.expiresOn!.toISODate(),
        sent_at: DateTime.utc().toSQL(),
      })
      .onConflict(['membership_id', 'kind', 'expires_on'])
      .ignore()
      .returning('id')
    return rows.length === 1
  }

  /** Active memberships whose expiry date has passed enter their grace period. */
  static async moveExpired(day: DateTime) {
    let moved = 0
    for (;;) {
      const batch = await Membership.query()
        .where('status', 'active')
        .whereNotNull('expires_on')
        .where('expires_on', '<', day.toISODate()!)
        .orderBy('id')
        .limit(CHUNK)
      if (batch.length === 0) break
      for (const membership of batch) {
        if (await this.#move(membership, 'grace', 'The membership expired')) moved++
      }
      if (batch.length < CHUNK) break
    }
    return moved
  }

  /** Memberships still in grace after their type's grace period lapse. */
  static async moveLapsed(day: DateTime) {
    let moved = 0
    for (const type of await MembershipType.all()) {
      for (;;) {
        const batch = await Membership.query()
          .where('status', 'grace')
          .where('membership_type_id', type.id)
          .where('expires_on', '<', day.minus({ days: type.graceDays }).toISODate()!)
          .orderBy('id')
          .limit(CHUNK)
        if (batch.length === 0) break
        for (const membership of batch) {
          if (await this.#move(membership, 'inactive', 'The grace period ended')) moved++
        }
        if (batch.length < CHUNK) break
      }
    }
    return moved
  }

  static async #move(membership: Membership, to: 'grace' | 'inactive', reason: string) {
    try {
      await MembershipStatusService.change(membership, to, { reason })
      return true
    } catch (error) {
      // Someone renewed or suspended it meanwhile: their change stands.
      if (error instanceof MembershipConflictError) return false
      logger.error({ err: error, membershipId: membership.id }, 'membership expiry failed')
      return false
    }
  }

  /**
   * An admin records a paid renewal: the expiry moves on by the type's duration, from the
   * current expiry while it is still ahead, from today once it has passed. A membership in grace
   * or lapsed becomes active again.
   */
  static async record(
    membership: Membership,
    actor: User,
    ctx?: Pick<HttpContext, 'request'> | null,
    today: DateTime = DateTime.utc()
  ) {
    await membership.load('type')
    const type = membership.type
    if (type.isLifetime) {
      throw new RenewalRefusedError('A lifetime membership does not need renewing.')
    }
    if (membership.status === 'suspended' || membership.status === 'pending') {
      throw new RenewalRefusedError(`A ${membership.status} membership cannot be renewed.`)
    }
    const day = today.toUTC().startOf('day')
    const base =
      membership.status === 'active' && membership.expiresOn && membership.expiresOn > day
        ? membership.expiresOn
        : day
    const expiresOn = type.expiryFrom(base)!
    const previous = membership.expiresOn

    if (membership.status === 'active') {
      await db.transaction(async (trx) => {
        membership.useTransaction(trx)
        membership.expiresOn = expiresOn
        await membership.save()
        await MembershipHistory.create(
          {
            membershipId: membership.id,
            event: 'renewal',
            fromStatus: 'active',
            toStatus: 'active',
            fromExpiresOn: previous,
            toExpiresOn: expiresOn,
            reason: 'Renewal recorded',
            actorId: actor.id,
          },
          { client: trx }
        )
      })
    } else {
      await MembershipStatusService.change(membership, 'active', {
        expiresOn,
        startedOn: membership.status === 'inactive' ? day : undefined,
        event: 'renewal',
        reason: 'Renewal recorded',
        actor,
        audit: false,
      })
    }

    await AuditLogService.record(
      {
        action: 'membership.renewed',
        actor,
        subject: await User.find(membership.userId),
        meta: {
          membershipId: membership.id,
          from: previous?.toISODate() ?? null,
          to: expiresOn.toISODate(),
        },
      },
      ctx
    )
    return membership
  }
}
