import Badge from '#models/badge'
import Membership, { type MembershipStatus } from '#models/membership'
import type User from '#models/user'
import AuditLogService, { type AuditSource } from '#services/audit/audit_log_service'
import BadgeService from '#services/members/badge_service'
import MembershipStatusService, {
  MembershipConflictError,
} from '#services/members/membership_status_service'
import { TransitionRefusedError } from '#services/members/transitions'
import SendBoardMessage from '#jobs/members/send_board_message'
import MembershipPolicy from '#policies/membership_policy'

export type BulkAction =
  | { action: 'status'; status: MembershipStatus; reason: string }
  | { action: 'badge'; badgeId: number; note?: string | null }
  | { action: 'message'; subject: string; body: string }

export interface BulkResult {
  done: number
  skipped: { id: number; name: string; reason: string }[]
}

/**
 * One action applied to many selected memberships, by the ApplyBulkAction job. Each membership
 * goes through the same service as a single change (status transitions are checked one by
 * one); messages are queued as one job per member.
 */
export default class BulkService {
  static async load(ids: number[]) {
    return Membership.query().whereIn('id', ids).preload('user').orderBy('id')
  }

  static async apply(
    memberships: Membership[],
    input: BulkAction,
    actor: User,
    source?: AuditSource | null
  ): Promise<BulkResult> {
    const result: BulkResult = { done: 0, skipped: [] }

    if (input.action === 'status') {
      const policy = new MembershipPolicy()
      for (const membership of memberships) {
        if (!policy.changeStatus(actor, membership)) {
          result.skipped.push({
            id: membership.id,
            name: membership.user.name,
            reason:
              membership.userId === actor.id
                ? 'your own membership'
                : 'you may no longer change statuses',
          })
          continue
        }
        try {
          await MembershipStatusService.change(membership, input.status, {
            actor,
            reason: input.reason,
            ctx: source,
          })
          result.done++
        } catch (error) {
          if (!(
            error instanceof TransitionRefusedError || error instanceof MembershipConflictError
          )) {
            throw error
          }
          result.skipped.push({
            id: membership.id,
            name: membership.user.name,
            reason: error.message,
          })
        }
      }
    } else if (input.action === 'badge') {
      const badge = await Badge.findOrFail(input.badgeId)
      for (const membership of memberships) {
        const awarded = await BadgeService.award(
          badge,
          membership.user,
          actor,
          input.note ?? null,
          source
        )
        if (awarded) result.done++
        else
          result.skipped.push({
            id: membership.id,
            name: membership.user.name,
            reason: 'already holds it',
          })
      }
    } else {
      await SendBoardMessage.dispatchMany(
        memberships.map((membership) => ({
          userId: membership.userId,
          subject: input.subject,
          body: input.body,
        }))
      )
      result.done = memberships.length
      await AuditLogService.record(
        {
          action: 'membership.messaged',
          actor,
          meta: { subject: input.subject, recipients: memberships.map((m) => m.userId) },
        },
        source
      )
    }
    return result
  }
}
