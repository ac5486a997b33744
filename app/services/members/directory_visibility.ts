import env from '#start/env'
import type User from '#models/user'
import { GOOD_STANDING } from '#models/membership'
import type { ProfileVisibility } from '#models/user'

/**
 * Who sees what in the member directory. This is the only place the rule is written; the list,
 * search and the profile page all go through `visibleInDirectoryTo`.
 *
 * - Only members in good standing (membership active or in grace) with an account that can sign
 *   in are listed at all.
 * - Visitors and signed-in non-members: public profiles, and only when the association opened
 *   the directory to visitors (DIRECTORY_PUBLIC); otherwise nothing. Signing up gives no more
 *   than a visitor has.
 * - Members: public and members-only profiles.
 * - Board and admins: every profile, private ones included.
 * - Everyone listed sees their own profile, whatever its visibility.
 */
export type DirectoryAudience = 'none' | 'public' | 'members' | 'board'

export function isDirectoryPublic() {
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

/** Custom profile fields use 'board' where profiles use 'private'. */
const FIELD_LEVELS: Record<DirectoryAudience, string[]> = {
  none: [],
  public: ['public'],
  members: ['public', 'members'],
  board: ['public', 'members', 'board'],
}

export function fieldLevelsFor(audience: DirectoryAudience) {
  return FIELD_LEVELS[audience]
}

/** Query builders of both kinds (model and plain) accept these calls. */
interface WhereBuilder {
  where(...args: any[]): any
  whereIn(...args: any[]): any
  orWhere(...args: any[]): any
  whereRaw(...args: any[]): any
}

/**
 * Restricts a query over `users` joined with `memberships` (on `memberships.user_id`) to the
 * members `viewer` may see in the directory.
 */
export function visibleInDirectoryTo<Q extends WhereBuilder>(
  query: Q,
  viewer: User | null | undefined
): Q {
  const levels = PROFILE_LEVELS[directoryAudience(viewer)]
  // Written as constants (not bound values) so the planner can use the partial index on
  // memberships that covers exactly these statuses.
  query.whereRaw(`users.status = 'active' and memberships.status in (${GOOD_STANDING_SQL})`)
  if (levels.length === 0) {
    query.whereRaw('1 = 0')
    return query
  }
  if (viewer) {
    query.where((visible: WhereBuilder) => {
      visible.whereIn('users.profile_visibility', levels).orWhere('users.id', viewer.id)
    })
  } else {
    query.whereIn('users.profile_visibility', levels)
  }
  return query
}
