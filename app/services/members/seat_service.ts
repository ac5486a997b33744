import { randomBytes } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import MembershipStatusService from '#services/members/membership_status_service'
import { memberLinks } from '#services/members/member_links'
import SeatInvitationMail from '#mails/members/seat_invitation_mail'
import { affectedRows } from '#services/database/affected_rows'
import { hashToken } from '#services/auth/token_hash'

export class SeatRuleError extends Exception {
  static status = 422
}

/**
 * Seats of institutional and family memberships: the holder invites people by email (up to the
 * type's number of seats); whoever accepts with that address becomes a member for as long as the
 * holder's membership is in good standing.
 */
export default class SeatService {
  static async invite(
    membership: Membership,
    email: string,
    holder: User,
    ctx?: Pick<HttpContext, 'request'> | null
  ) {
    await membership.load('type')
    const normalised = email.trim().toLowerCase()
    if (normalised === holder.email.toLowerCase()) {
      throw new SeatRuleError('You hold this membership already; invite someone else.')
    }
    const token = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      // Two invitations sent at once would both count the same free seat: the second waits here
      // until the first has committed, then counts it.
      await Membership.query({ client: trx }).where('id', membership.id).forUpdate().firstOrFail()
      const taken = await MembershipSeat.query({ client: trx })
        .where('membership_id', membership.id)
        .count('* as total')
        .first()
      if (Number(taken?.$extras.total ?? 0) >= membership.type.seats) {
        throw new SeatRuleError(`All ${membership.type.seats} seats are taken.`)
      }
      const existing = await MembershipSeat.query({ client: trx })
        .where('membership_id', membership.id)
        .where('email', normalised)
        .first()
      if (existing) throw new SeatRuleError('This address is already invited.')
      await MembershipSeat.create(
        {
          membershipId: membership.id,
          email: normalised,
          tokenHash: hashToken(token),
          invitedAt: DateTime.utc(),
        },
        { client: trx }
      )
    })
    await AuditLogService.record(
      {
        action: 'seat.invited',
        actor: holder,
        meta: { membershipId: membership.id, email: normalised },
      },
      ctx
    )
    await mail.sendLater(
      new SeatInvitationMail(normalised, holder, memberLinks.seatInvitation(token))
    )
  }

  static async findOpen(token: string) {
    return MembershipSeat.query()
      .where('token_hash', hashToken(token))
      .whereNull('accepted_at')
      .preload('membership', (query) => query.preload('user').preload('type'))
      .first()
  }

  /** Takes the seat for `user`, whose address must be the invited one. */
  static async accept(token: string, user: User) {
    const seat = await this.findOpen(token)
    if (!seat) throw new SeatRuleError('This invitation is unknown or was already used.')
    if (seat.email !== user.email.toLowerCase()) {
      throw new SeatRuleError(`This invitation is for ${seat.email}. Sign in with that address.`)
    }
    if (!seat.membership.isGood) {
      throw new SeatRuleError('The membership behind this invitation is not active at the moment.')
    }
    await db.transaction(async (trx) => {
      const updated = await trx
        .from('membership_seats')
        .where('id', seat.id)
        .whereNull('accepted_at')
        .update({ user_id: user.id, accepted_at: DateTime.utc().toSQL(), token_hash: null })
      if (affectedRows(updated) !== 1) {
        throw new SeatRuleError('This invitation was already used.')
      }
      await MembershipHistory.create(
        {
          membershipId: seat.membershipId,
          event: 'seat_joined',
          actorId: user.id,
          meta: { email: seat.email, userId: user.id },
        },
        { client: trx }
      )
      await MembershipStatusService.syncRole(user.id, trx)
    })
    return seat
  }

  static async remove(
    seat: MembershipSeat,
    actor: User,
    ctx?: Pick<HttpContext, 'request'> | null
  ) {
    await db.transaction(async (trx) => {
      await MembershipSeat.query({ client: trx }).where('id', seat.id).delete()
      await MembershipHistory.create(
        {
          membershipId: seat.membershipId,
          event: 'seat_left',
          actorId: actor.id,
          meta: { email: seat.email, userId: seat.userId },
        },
        { client: trx }
      )
      if (seat.userId) await MembershipStatusService.syncRole(seat.userId, trx)
    })
    await AuditLogService.record(
      {
        action: 'seat.removed',
        actor,
        meta: { membershipId: seat.membershipId, email: seat.email },
      },
      ctx
    )
  }
}
