import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { fieldVisibilitiesFor } from '#models/profile_field'
import { visibleInDirectoryTo, type MembershipSource } from '#services/members/directory_visibility'
import {
  decodeCursor,
  encodeCursor,
  type DirectoryCursor,
} from '#services/members/directory_cursor'
import { postgresTsquery, searchTerms, sqliteMatch } from '#services/members/directory_search'
import { countryName } from '#services/members/directory_countries'

export const DIRECTORY_SORTS = ['name', 'since'] as const
export type DirectorySort = (typeof DIRECTORY_SORTS)[number]
export const DIRECTORY_PAGE_SIZE = 50

export interface DirectoryOptions {
  q?: string | null
  type?: number | null
  badge?: number | null
  country?: string | null
  sort?: DirectorySort
  after?: string | null
  before?: string | null
  perPage?: number
}

export interface DirectoryBadge {
  name: string
  icon: string
}

export interface DirectoryEntry {
  id: number
  name: string
  email: string | null
  institution: string | null
  position: string | null
  field: string | null
  country: string | null
  countryName: string | null
  typeName: string
  memberSince: string | null
  badges: DirectoryBadge[]
}

export interface DirectoryPage {
  entries: DirectoryEntry[]
  next: string | null
  previous: string | null
}

// The shown name, lower-cased: the same expression as users_directory_name_index, so the
// index serves both the order and the keyset seek.
const NAME_KEY = "lower(coalesce(nullif(users.display_name, ''), users.full_name))"

/*
 * SQLite plans without statistics (nothing runs ANALYZE), and guesses wrong both ways: it
 * walks the whole name index to find three search hits, or sorts every member when the order
 * is "member since". These hints pick the plan the data calls for:
 * - default: walk users_directory_name_index in order, stop after one page;
 * - since: walk memberships_directory_since_index in order;
 * - candidates / byType: a search or filter matched few rows; start from them (users only by
 *   rowid) and sort that handful.
 * PostgreSQL keeps statistics and chooses its own plan; only the form of the search condition
 * is picked for it (see `#plan`).
 */
type SqlitePlan = 'default' | 'since' | 'candidates' | 'byType'
const SQLITE_HINTS: Record<SqlitePlan, { users: string; memberships: string }> = {
  default: { users: '', memberships: '' },
  since: { users: '', memberships: 'indexed by memberships_directory_since_index' },
  candidates: { users: 'not indexed', memberships: 'indexed by memberships_user_id_unique' },
  byType: { users: 'not indexed', memberships: 'indexed by memberships_membership_type_id_index' },
}

interface Filter {
  candidates: any[]
  byType?: boolean
  apply(query: any): void
  applyBroad?(query: any): void
}
// Below this many candidate rows, starting from them beats walking an index in order.
const FEW_CANDIDATES = 2000

function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}

/**
 * The member directory: one page of members `viewer` may see, filtered, searched, sorted, and
 * paginated by keyset (the cursor is the last row's sort key and id), so page 2,000 costs what
 * page 1 does.
 */
export default class DirectoryQuery {
  /**
   * Users joined with their membership and profile, cut down to what `viewer` may see.
   * `plan` steers SQLite's planner, which has no statistics to choose with (see `#plan`).
   */
  static visibleTo(
    viewer: User | null | undefined,
    plan: SqlitePlan = 'default',
    source: MembershipSource = 'own'
  ) {
    if (source === 'seat') {
      // Seat holders are few: start from the accepted seats. SQLite keeps the order of a CROSS
      // JOIN, so it cannot choose to walk every member in name order looking for them.
      const query = db
        .from('membership_seats')
        .joinRaw('cross join users')
        .joinRaw('cross join memberships')
        .leftJoin('member_profiles', 'member_profiles.user_id', 'users.id')
      return visibleInDirectoryTo(query, viewer, 'seat')
    }
    const hints = SQLITE_HINTS[plan]
    const query = db
      .from(hints.users ? (db.raw(`users ${hints.users}`) as unknown as string) : 'users')
      .joinRaw(`inner join memberships ${hints.memberships} on memberships.user_id = users.id`)
      .leftJoin('member_profiles', 'member_profiles.user_id', 'users.id')
    return visibleInDirectoryTo(query, viewer)
  }

  static async page(viewer: User | null, options: DirectoryOptions = {}): Promise<DirectoryPage> {
    const perPage = options.perPage ?? DIRECTORY_PAGE_SIZE
    const sort = options.sort ?? 'name'
    const postgres = isPostgres()
    const filters = DirectoryQuery.#filters(viewer, options, postgres)
    const { plan, narrow } = await DirectoryQuery.#plan(sort, filters, postgres)

    const after = decodeCursor(options.after)
    const before = after ? null : decodeCursor(options.before)
    const backwards = before !== null
    const seek = after ?? before
    const direction = backwards ? 'desc' : 'asc'

    /*
     * One page of the members listed through `source`, in order. Members through their own
     * membership are nearly everyone and keep the planned walk; seat holders are a handful.
     */
    const pageOf = (source: MembershipSource) => {
      const seat = source === 'seat'
      // "Member since": the membership's start, or for a seat holder the day they took the seat.
      const since = seat
        ? postgres
          ? "(membership_seats.accepted_at at time zone 'UTC')::date"
          : 'substr(membership_seats.accepted_at, 1, 10)'
        : 'memberships.started_on'
      const sinceText = postgres ? `to_char(${since}, 'YYYY-MM-DD')` : since
      // The sort key and the id that breaks ties, as the index holds them.
      const [keyExpression, idColumn] =
        sort === 'name'
          ? [NAME_KEY, 'users.id']
          : [since, seat ? 'users.id' : 'memberships.user_id']

      const query = DirectoryQuery.visibleTo(viewer, postgres || seat ? 'default' : plan, source)
        .join('membership_types', 'membership_types.id', 'memberships.membership_type_id')
        .select(
          'users.id',
          'users.full_name',
          'users.display_name',
          'users.email',
          'users.show_email',
          'member_profiles.institution',
          'member_profiles.position',
          'member_profiles.field',
          'member_profiles.country',
          'membership_types.name as type_name',
          db.raw(`${sinceText} as member_since`),
          db.raw(`${sort === 'name' ? NAME_KEY : sinceText} as sort_key`)
        )
      // "Member since" order lists members whose start date is known (set on activation).
      if (sort === 'since' && !seat) query.whereNotNull('memberships.started_on')
      for (const filter of filters) {
        if (!narrow && filter.applyBroad) filter.applyBroad(query)
        else filter.apply(query)
      }
      if (seek) {
        // (key, id) > (k, i), spelled so that both databases seek the index on the key.
        const [op, strict] = backwards ? ['<=', '<'] : ['>=', '>']
        query.whereRaw(
          `${keyExpression} ${op} ? and (${keyExpression} ${strict} ? or ${idColumn} ${strict} ?)`,
          [seek.key, seek.key, seek.id]
        )
      }
      return query
        .orderByRaw(`${keyExpression} ${direction}, ${idColumn} ${direction}`)
        .limit(perPage + 1)
    }

    // Both pages merged by the same key, so the keyset holds across the two sources.
    const merged = db
      .from(pageOf('own').as('own_members'))
      .select('*')
      .unionAll(db.from(pageOf('seat').as('seated_members')).select('*'))
    const rows: any[] = await db
      .from(merged.as('directory'))
      .select('*')
      .orderByRaw(`sort_key ${direction}, id ${direction}`)
      .limit(perPage + 1)
    const hasMore = rows.length > perPage
    if (hasMore) rows.pop()
    if (backwards) rows.reverse()

    const cursorOf = (row: any): DirectoryCursor => ({ key: String(row.sort_key), id: row.id })
    const first = rows[0]
    const last = rows[rows.length - 1]
    const next = last && (backwards || hasMore) ? encodeCursor(cursorOf(last)) : null
    const previous =
      first && (backwards ? hasMore : seek !== null) ? encodeCursor(cursorOf(first)) : null

    const badges = await DirectoryQuery.badgesOf(rows.map((row) => row.id))
    const entries = rows.map((row): DirectoryEntry => ({
      id: row.id,
      name: row.display_name || row.full_name,
      email: row.show_email === true || row.show_email === 1 ? row.email : null,
      institution: row.institution,
      position: row.position,
      field: row.field,
      country: row.country,
      countryName: countryName(row.country),
      typeName: row.type_name,
      memberSince: row.member_since,
      badges: badges.get(row.id) ?? [],
    }))
    return { entries, next, previous }
  }

  /**
   * Each filter restricts the query, and names the rows it could match (for `#plan`).
   */
  static #filters(viewer: User | null, options: DirectoryOptions, postgres: boolean) {
    const filters: Filter[] = []
    if (options.type) {
      const type = options.type
      filters.push({
        candidates: [db.from('memberships').where('membership_type_id', type).select('user_id')],
        byType: true,
        apply: (query) => query.where('memberships.membership_type_id', type),
      })
    }
    if (options.country) {
      const sameCountry = db
        .from('member_profiles')
        .where('country', options.country)
        .select('user_id')
      filters.push({
        candidates: [sameCountry],
        apply: (query) => query.whereIn('users.id', sameCountry),
      })
    }
    if (options.badge) {
      const holders = db.from('member_badges').where('badge_id', options.badge).select('user_id')
      filters.push({ candidates: [holders], apply: (query) => query.whereIn('users.id', holders) })
    }
    const terms = searchTerms(options.q)
    if (terms.length > 0) {
      const fullText = postgres
        ? db
            .from('member_search')
            .whereRaw(`document @@ to_tsquery('simple', ?)`, [postgresTsquery(terms)])
            .select('user_id')
        : db
            .from('member_search')
            .whereRaw('member_search match ?', [sqliteMatch(terms)])
            .select('rowid')
      // Custom fields an admin marked searchable, at the levels the viewer may read (so nobody
      // can probe a value hidden from them): the whole query as a prefix of the value. Terms
      // are letters and digits only, so the pattern holds no wildcard of the user's.
      const prefix = terms.join(' ')
      const fields = db
        .from('profile_field_values')
        .join('profile_fields', 'profile_fields.id', 'profile_field_values.profile_field_id')
        .where('profile_fields.searchable', true)
        .whereIn('profile_fields.visibility', fieldVisibilitiesFor(viewer))
        .whereRaw('lower(profile_field_values.value) like ?', [`${prefix}%`])
        .select('profile_field_values.user_id')
      // SQLite reaches profile_field_values_search_index only through a range.
      if (!postgres) {
        fields.whereRaw(
          'lower(profile_field_values.value) >= ? and lower(profile_field_values.value) < ?',
          [prefix, `${prefix}\u{10FFFF}`]
        )
      }
      // One IN (... union ...) rather than two ORed INs: PostgreSQL turns it into a semi-join
      // and starts from the few matches instead of filtering every member in name order.
      const matches = fullText.clone().union(fields)
      filters.push({
        // Counted apart: a capped count of the union would still build the whole union first.
        candidates: [fullText, fields],
        apply: (query) => query.whereIn('users.id', matches),
        // Many matches: PostgreSQL then does best walking the name order and checking each
        // member against the (hashed) matches, which it only does for this ORed form.
        applyBroad: (query) =>
          query.where((match: any) => {
            match.whereIn('users.id', fullText).orWhereIn('users.id', fields)
          }),
      })
    }
    return filters
  }

  /**
   * Whether a filter matched few rows (then the query starts from them) or many (then it walks
   * the sort order's index and stops after a page), and SQLite's hints for that. PostgreSQL
   * chooses its own plan, but only from the search's shape, so the search is counted there too.
   */
  static async #plan(
    sort: DirectorySort,
    filters: Filter[],
    postgres: boolean
  ): Promise<{ plan: SqlitePlan; narrow: boolean }> {
    const walk: SqlitePlan = sort === 'since' ? 'since' : 'default'
    for (const filter of filters) {
      if (postgres && !filter.applyBroad) continue
      let count = 0
      for (const candidates of filter.candidates) {
        const row = await db
          .from(candidates.clone().limit(FEW_CANDIDATES).as('candidates'))
          .count('* as total')
          .first()
        count += Number(row?.total ?? 0)
      }
      if (count < FEW_CANDIDATES) {
        return { plan: filter.byType ? 'byType' : 'candidates', narrow: true }
      }
    }
    return { plan: walk, narrow: false }
  }

  /** Badges of the listed members, in one query. */
  static async badgesOf(userIds: number[]) {
    const byUser = new Map<number, DirectoryBadge[]>()
    if (userIds.length === 0) return byUser
    const rows = await db
      .from('member_badges')
      .join('badges', 'badges.id', 'member_badges.badge_id')
      .whereIn('member_badges.user_id', userIds)
      .orderBy('badges.name')
      .select('member_badges.user_id', 'badges.name', 'badges.icon')
    for (const row of rows) {
      const list = byUser.get(row.user_id) ?? []
      list.push({ name: row.name, icon: row.icon })
      byUser.set(row.user_id, list)
    }
    return byUser
  }

  /** The choices of the filter form. */
  static async filterOptions() {
    const types = await db
      .from('membership_types')
      .orderBy('position')
      .orderBy('name')
      .select('id', 'name')
    const badges = await db.from('badges').orderBy('name').select('id', 'name')
    return { types, badges }
  }
}
