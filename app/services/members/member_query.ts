import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import type { MembershipStatus } from '#models/membership'
import { containsPattern } from '#services/database/like'

export interface MemberFilters {
  q?: string
  status?: MembershipStatus
  type?: number
  badge?: number
}

/**
 * The admin list's filters, written once and shared by the list page, bulk actions and the CSV
 * export, so what you see is what you export.
 */
export function applyMemberFilters(query: DatabaseQueryBuilderContract, filters: MemberFilters) {
  if (filters.status) query.where('memberships.status', filters.status)
  if (filters.type) query.where('memberships.membership_type_id', filters.type)
  if (filters.badge) {
    query.whereExists((sub) => {
      sub
        .from('member_badges')
        .whereColumn('member_badges.user_id', 'memberships.user_id')
        .where('member_badges.badge_id', filters.badge!)
    })
  }
  if (filters.q) {
    const pattern = containsPattern(filters.q)
    query.where((inner) => {
      inner
        .whereRaw("lower(users.full_name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(users.display_name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(users.email) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(memberships.member_number) like ? escape '\\'", [pattern])
    })
  }
  return query
}

export function membersBaseQuery() {
  return db
    .from('memberships')
    .join('users', 'users.id', 'memberships.user_id')
    .join('membership_types', 'membership_types.id', 'memberships.membership_type_id')
}
