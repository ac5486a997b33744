import sql, { join, raw, type Sql } from 'sql-template-tag'
import env from '#start/env'
import type User from '#models/user'
import { GOOD_STANDING } from '#models/membership'
import type { ProfileVisibility } from '#models/user'

/**
 * Who sees what in the member directory. This is the only place the rule is written; the list,
 * search and the profile page all go through `directoryVisibility`.
 *
 * - Only members in good standing with an account that can sign in are listed at all: their own
 *   membership is active or in grace, or they took a seat of an institutional or family
 *   membership that is (see `MembershipSource`).
 * - Visitors and signed-in non-members: public profiles, and only when the association opened
 *   the directory to visitors (DIRECTORY_PUBLIC); otherwise nothing. Signing up gives no more
 *   than a visitor has.
 * - Members: public and members-only profiles.
 * - Board and admins: every profile, private ones included.
 * - Everyone listed sees their own profile, whatever its visibility.
 */
export type DirectoryAudience = 'none' | 'public' | 'members' | 'board'

function isDirectoryPublic() {
  return env.get('DIRECTORY_PUBLIC') ?? false
}

export function directoryAudience(viewer: User | null | undefined): DirectoryAudience {
  if (viewer && viewer.canSignIn && viewer.isVerified && viewer.isMember) {
    return viewer.isBoard ? 'board' : 'members'
  }
  return isDirectoryPublic() ? 'public' : 'none'
}

const PROFILE_LEVELS: Record<DirectoryAudience, ProfileVisibility[]> = {
  none: [],
  public: ['public'],
  members: ['public', 'members'],
  board: ['public', 'members', 'private'],
}

const GOOD_STANDING_SQL = GOOD_STANDING.map((status) => `'${status}'`).join(', ')

/**
 * The membership that makes someone a member, as `memberships` in the directory's queries:
 * - 'own': their own (`memberships.user_id = users.id`);
 * - 'seat': the primary membership whose seat they accepted (through `membership_seats`), for
 *   those whose own membership, if any, is not in good standing. Someone seated on several
 *   memberships is listed once, through the first seat of a membership in good standing.
 * Both sources together list each member exactly once.
 */
export type MembershipSource = 'own' | 'seat'

const SEAT_RULE = raw(`membership_seats.user_id = users.id
  and membership_seats.accepted_at is not null
  and memberships.id = membership_seats.membership_id
  and not exists (
    select 1 from memberships own_memberships
    where own_memberships.user_id = users.id and own_memberships.status in (${GOOD_STANDING_SQL}))
  and not exists (
    select 1 from membership_seats earlier_seats
    inner join memberships earlier_memberships on earlier_memberships.id = earlier_seats.membership_id
    where earlier_seats.user_id = users.id and earlier_seats.accepted_at is not null
      and earlier_seats.id < membership_seats.id
      and earlier_memberships.status in (${GOOD_STANDING_SQL}))`)

// Written as constants (not bound values) so the planner can use the partial index on
// memberships that covers exactly these statuses.
const IN_GOOD_STANDING = raw(
  `users.status = 'active' and memberships.status in (${GOOD_STANDING_SQL})`
)

/**
 * The condition that restricts a query over `users` and `memberships` to the members `viewer`
 * may see in the directory. For the 'own' source `memberships` is joined on
 * `memberships.user_id`; for 'seat' the query also holds `membership_seats`, and this links the
 * three.
 */
export function directoryVisibility(
  viewer: User | null | undefined,
  source: MembershipSource = 'own'
): Sql {
  const levels = PROFILE_LEVELS[directoryAudience(viewer)]
  const standing = source === 'seat' ? sql`${IN_GOOD_STANDING} and ${SEAT_RULE}` : IN_GOOD_STANDING
  if (levels.length === 0) return sql`${standing} and 1 = 0`
  const profiles = sql`users.profile_visibility in (${join(levels)})`
  return viewer
    ? sql`${standing} and (${profiles} or users.id = ${viewer.id})`
    : sql`${standing} and ${profiles}`
}
