import Membership from '#models/membership'
import MembershipHistory from '#models/membership_history'
import {
  applyMemberFilters,
  membersBaseQuery,
  type MemberFilters,
} from '#services/members/member_query'

const PER_PAGE = 50

/** What the admin area reads about members: the filtered list and one member's file. */
export default class MemberAdminService {
  static async list(filters: MemberFilters & { page?: number }) {
    const query = membersBaseQuery()
      .select(
        'memberships.id',
        'memberships.user_id',
        'memberships.status',
        'memberships.member_number',
        'memberships.expires_on',
        'membership_types.name as type_name',
        'users.full_name',
        'users.display_name',
        'users.email',
        'users.role'
      )
      .orderBy('memberships.id', 'desc')
    return applyMemberFilters(query, filters).paginate(filters.page ?? 1, PER_PAGE)
  }

  static async detail(id: number) {
    const membership = await Membership.query()
      .where('id', id)
      .preload('user')
      .preload('type')
      .preload('seats', (seats) => seats.preload('user'))
      .firstOrFail()
    const history = await MembershipHistory.latestFor(id, 100)
    return { membership, history }
  }
}
