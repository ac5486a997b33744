import type { MembershipStatus } from '#models/membership'

/**
 * Every status change a membership may go through; anything not listed is refused.
 *
 * - pending → active: the board approves; pending → inactive: the application falls through.
 * - active → grace: the expiry passed (renewal job); grace → active: renewed in time.
 * - grace → inactive: the grace period ended (renewal job).
 * - active/grace → suspended and suspended → active: a board decision.
 * - active/grace/suspended → inactive: resignation or exclusion.
 * - inactive → active: renewal or re-approval after lapsing.
 */
export const ALLOWED_TRANSITIONS: Record<MembershipStatus, readonly MembershipStatus[]> = {
  pending: ['active', 'inactive'],
  active: ['grace', 'suspended', 'inactive'],
  grace: ['active', 'inactive', 'suspended'],
  suspended: ['active', 'inactive'],
  inactive: ['active'],
}

export function canTransition(from: MembershipStatus, to: MembershipStatus) {
  return ALLOWED_TRANSITIONS[from].includes(to)
}

export class TransitionRefusedError extends Error {
  constructor(
    public from: MembershipStatus,
    public to: MembershipStatus
  ) {
    super(`A membership cannot go from ${from} to ${to}`)
  }
}
