import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { StrictValues } from '@adonisjs/lucid/types/querybuilder'
import sql, { empty, join, raw, type Sql } from 'sql-template-tag'
import type User from '#models/user'
import { fieldVisibilitiesFor } from '#models/profile_field'
import { directoryVisibility, type MembershipSource } from '#services/members/directory_visibility'
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
 * - default: walk users_directory_name_index in order, stop after one page, and join each
 *   member's membership through memberships_directory_user_index (which holds all the page
 *   reads of it);
 * - since: walk memberships_directory_since_index in order;
 * - candidates / byType: a search or filter matched few rows; start from them (users only by
 *   rowid) and sort that handful.
 * PostgreSQL keeps statistics and chooses its own plan; only the form of the search condition
 * is picked for it (see `#plan`).
 */
type SqlitePlan = 'default' | 'since' | 'candidates' | 'byType'
const SQLITE_HINTS: Record<SqlitePlan, { users: string; memberships: string }> = {
  default: { users: '', memberships: 'indexed by memberships_directory_user_index' },
  since: { users: '', memberships: 'indexed by memberships_directory_since_index' },
  candidates: { users: 'not indexed', memberships: 'indexed by memberships_directory_user_index' },
  byType: { users: 'not indexed', memberships: 'indexed by memberships_membership_type_id_index' },
}

/**
 * A filter's condition on the page query, the rows it could match (each counted by `#plan`),
 * and for the search a second form of the condition for when it matched many rows.
 */
interface Filter {
  condition: Sql
  candidates: Sql[]
  byType?: boolean
  broad?: Sql
  /** PostgreSQL only: the search's matches with their name key, each source capped. */
  matches?: Sql
}
// Below this many candidate rows, starting from them beats walking an index in order.
const FEW_CANDIDATES = 2000
/*
 * PostgreSQL sorts up to this many search matches by name rather than walk the name index:
 * reading them from the GIN index and sorting them costs a few milliseconds, while checking
 * members one by one in name order costs about as much for each member passed over.
 */
const SORTED_MATCHES = 5000

function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}

// The values of our SQL are ids, strings and booleans, which the query builder binds as they are.
const bindingsOf = (query: Sql) => query.values as StrictValues[]

/**
 * PostgreSQL's matches of a one-word search: names from member_name_words, read from its index
 * alone, and the other searched columns from member_search_profile_index (the expression is the
 * index's). Several words match through the whole search document, whose index intersects
 * them before reading any row, so few rows are read.
 *
 * The word prefix is a range (the same as LIKE 'term%' under the column's "C" collation): a
 * range of bound values can use the index in a plan made without them, so the prepared search
 * settles on one plan instead of being planned again on every request (about 1.3 ms).
 */
function oneWord(term: string, cap: Sql) {
  const tsquery = sql`to_tsquery('simple', ${postgresTsquery([term])})`
  return sql`(select user_id, name_key as key from member_name_words
      where word >= ${term} and word < ${`${term}\u{10FFFF}`} limit ${cap})
    union
    (select user_id, lower(name) from member_search
      where to_tsvector('simple', coalesce(institution, '') || ' ' || coalesce(field, '') || ' '
        || coalesce(interests, '')) @@ ${tsquery}
      limit ${cap})`
}

/**
 * The rows of a query written as SQL (`rawQuery` answers in each driver's own shape).
 *
 * `prepared` names the statement after its text on PostgreSQL, so each connection parses it
 * once and the server may settle on one plan for it instead of planning it on every request
 * (planning the page query took as long as running it). Only for statements whose best plan
 * does not depend on the values bound: a search is planned from what it matches. SQLite keeps
 * every statement compiled anyway (database/sqlite_connection.ts).
 */
async function rowsOf(query: Sql, { prepared = false } = {}): Promise<any[]> {
  const builder = db.rawQuery(query.sql, bindingsOf(query))
  if (prepared && isPostgres()) {
    builder.knexQuery.options({
      name: `directory_${createHash('sha1').update(query.sql).digest('base64url')}`,
    })
  }
  const result = await builder
  return Array.isArray(result) ? result : result.rows
}

/**
 * The member directory: one page of members `viewer` may see, filtered, searched, sorted, and
 * paginated by keyset (the cursor is the last row's sort key and id), so page 2,000 costs what
 * page 1 does.
 *
 * The page query is written as SQL rather than with the query builder: building and compiling
 * it took three times as long as running it, on the busiest page of the portal.
 */
export default class DirectoryQuery {
  /**
   * Users joined with their membership and profile, cut down to what `viewer` may see, as a
   * query builder (the profile page looks one member up through it).
   */
  static visibleTo(viewer: User | null | undefined, source: MembershipSource = 'own') {
    const condition = directoryVisibility(viewer, source)
    return db
      .from(
        db.raw(
          DirectoryQuery.#tables(source, isPostgres() ? null : 'default').sql
        ) as unknown as string
      )
      .whereRaw(condition.sql, bindingsOf(condition))
  }

  /**
   * The tables of the directory's queries: users with the membership that makes them members
   * (their own, or the one whose seat they took) and their profile. `plan` steers SQLite's
   * planner, which has no statistics to choose with (see `#plan`); PostgreSQL takes none.
   */
  static #tables(source: MembershipSource, plan: SqlitePlan | null) {
    if (source === 'seat') {
      // Seat holders are few: start from the accepted seats. SQLite keeps the order of a CROSS
      // JOIN, so it cannot choose to walk every member in name order looking for them.
      return raw(`membership_seats cross join users cross join memberships
        left join member_profiles on member_profiles.user_id = users.id`)
    }
    const hints = plan ? SQLITE_HINTS[plan] : { users: '', memberships: '' }
    return raw(`users ${hints.users}
      inner join memberships ${hints.memberships} on memberships.user_id = users.id
      left join member_profiles on member_profiles.user_id = users.id`)
  }

  static async page(viewer: User | null, options: DirectoryOptions = {}): Promise<DirectoryPage> {
    const perPage = options.perPage ?? DIRECTORY_PAGE_SIZE
    const sort = options.sort ?? 'name'
    const postgres = isPostgres()
    const filters = DirectoryQuery.#filters(viewer, options, postgres)
    const search = sort === 'name' ? filters.find((filter) => filter.matches) : undefined
    // PostgreSQL finds out from the sorted matches themselves whether they were few.
    let { plan, narrow } = search
      ? { plan: 'default' as SqlitePlan, narrow: true }
      : await DirectoryQuery.#plan(sort, filters, postgres)

    const after = decodeCursor(options.after)
    const before = after ? null : decodeCursor(options.before)
    const backwards = before !== null
    const seek = after ?? before
    const direction = raw(backwards ? 'desc' : 'asc')
    // (key, id) past the cursor's, spelled so that both databases seek an index on the key.
    const pastCursor = (key: Sql, id: Sql, cursor: DirectoryCursor) => {
      const [op, strict] = backwards ? [raw('<='), raw('<')] : [raw('>='), raw('>')]
      return sql`${key} ${op} ${cursor.key} and (${key} ${strict} ${cursor.key} or ${id} ${strict} ${cursor.id})`
    }
    // Written into the SQL: a prepared statement's plan could not count on a bound limit.
    const limit = raw(String(Math.trunc(perPage) + 1))

    /*
     * One page of the members listed through `source`, in order. Members through their own
     * membership are nearly everyone and keep the planned walk; seat holders are a handful.
     */
    const pageOf = (source: MembershipSource, member?: Sql) => {
      const seat = source === 'seat'
      // "Member since": the membership's start, or for a seat holder the day they took the seat.
      const since = seat
        ? postgres
          ? "(membership_seats.accepted_at at time zone 'UTC')::date"
          : 'substr(membership_seats.accepted_at, 1, 10)'
        : 'memberships.started_on'
      const sinceText = raw(postgres ? `to_char(${since}, 'YYYY-MM-DD')` : since)
      // The sort key and the id that breaks ties, as the index holds them.
      const [key, id] =
        sort === 'name'
          ? [raw(NAME_KEY), raw('users.id')]
          : [raw(since), raw(seat ? 'users.id' : 'memberships.user_id')]

      const conditions = [directoryVisibility(viewer, source)]
      // "Member since" order lists members whose start date is known (set on activation).
      if (sort === 'since' && !seat) conditions.push(sql`memberships.started_on is not null`)
      for (const filter of filters) {
        // Looking one member up among sorted matches: the matches are the search.
        if (member && filter.matches) continue
        conditions.push(!narrow && filter.broad ? filter.broad : filter.condition)
      }
      if (member) conditions.push(sql`users.id = ${member}`)
      else if (seek) conditions.push(pastCursor(key, id, seek))
      const tables = DirectoryQuery.#tables(source, postgres ? null : plan)
      return sql`select users.id, users.full_name, users.display_name, users.email,
          users.show_email, member_profiles.institution, member_profiles.position,
          member_profiles.field, member_profiles.country, membership_types.name as type_name,
          ${sinceText} as member_since, ${sort === 'name' ? key : sinceText} as sort_key
        from ${tables}
        inner join membership_types on membership_types.id = memberships.membership_type_id
        where ${join(conditions, ' and ')}
        ${member ? empty : sql`order by ${key} ${direction}, ${id} ${direction}`}
        limit ${member ? raw('1') : limit}`
    }

    /*
     * Seat holders are usually none: then the page is the members' own page alone. Otherwise
     * both pages are merged by the database, by the same key and collation, so the keyset holds
     * across the two sources. (Looking for seat holders on every page costs more than asking
     * whether anyone took a seat at all.)
     */
    const [anySeat] = await rowsOf(
      sql`select 1 as taken from membership_seats where accepted_at is not null limit 1`,
      { prepared: true }
    )
    let rows: any[] | null = null
    if (search?.matches) {
      /*
       * The matches, sorted by name from the cursor on, each looked up (visible? listed?) in
       * that order until the page is full. Written so that the plan cannot be anything else,
       * which also makes it safe to prepare. Counted in the same query: when a source reached
       * its cap the matches are many, and walking the name index finds a page sooner.
       */
      const member = raw('ordered.user_id')
      const listed = anySeat
        ? sql`(${pageOf('own', member)}) union all (${pageOf('seat', member)}) limit 1`
        : pageOf('own', member)
      const from = seek ? sql`where ${pastCursor(raw('key'), raw('user_id'), seek)}` : empty
      const found = await rowsOf(
        sql`with matches as materialized (${search.matches})
          select counted.matched, page.*
          from (select count(*) as matched from matches) as counted
          left join lateral (
            select listed.* from (
              select user_id, key from matches ${from}
              order by key ${direction}, user_id ${direction}
            ) as ordered
            cross join lateral (${listed}) as listed
            order by ordered.key ${direction}, ordered.user_id ${direction}
            limit ${limit}
          ) as page on true
          order by page.sort_key ${direction}, page.id ${direction}`,
        { prepared: true }
      )
      if (Number(found[0].matched) < SORTED_MATCHES) {
        rows = found.filter((row) => row.id !== null)
      } else {
        narrow = false
      }
    }
    // Prepared unless a search decides the plan (PostgreSQL's per-member check does not).
    const prepared = !filters.some((filter) => filter.broad) || (postgres && !narrow)
    rows ??= anySeat
      ? await rowsOf(
          sql`select * from (
            select * from (${pageOf('own')}) as own_members
            union all
            select * from (${pageOf('seat')}) as seated_members
          ) as directory
          order by sort_key ${direction}, id ${direction}
          limit ${limit}`,
          { prepared }
        )
      : await rowsOf(pageOf('own'), { prepared })
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
      filters.push({
        condition: sql`memberships.membership_type_id = ${options.type}`,
        candidates: [
          sql`select user_id from memberships where membership_type_id = ${options.type}`,
        ],
        byType: true,
      })
    }
    if (options.country) {
      const sameCountry = sql`select user_id from member_profiles where country = ${options.country}`
      filters.push({ condition: sql`users.id in (${sameCountry})`, candidates: [sameCountry] })
    }
    if (options.badge) {
      const holders = sql`select user_id from member_badges where badge_id = ${options.badge}`
      filters.push({ condition: sql`users.id in (${holders})`, candidates: [holders] })
    }
    const terms = searchTerms(options.q)
    if (terms.length > 0) {
      const fullText = postgres
        ? sql`select user_id from member_search
            where document @@ to_tsquery('simple', ${postgresTsquery(terms)})`
        : sql`select rowid from member_search where member_search match ${sqliteMatch(terms)}`
      // Custom fields an admin marked searchable, at the levels the viewer may read (so nobody
      // can probe a value hidden from them): the whole query as a prefix of the value. Terms
      // are letters and digits only, so the pattern holds no wildcard of the user's. SQLite
      // reaches profile_field_values_search_index only through a range.
      const prefix = terms.join(' ')
      const range = postgres
        ? empty
        : sql`and lower(profile_field_values.value) >= ${prefix}
            and lower(profile_field_values.value) < ${`${prefix}\u{10FFFF}`}`
      const fields = sql`select profile_field_values.user_id from profile_field_values
        inner join profile_fields on profile_fields.id = profile_field_values.profile_field_id
        where profile_fields.searchable = ${true}
          and profile_fields.visibility in (${join(fieldVisibilitiesFor(viewer))})
          and lower(profile_field_values.value) like ${`${prefix}%`} ${range}`
      const tsquery = sql`to_tsquery('simple', ${postgresTsquery(terms)})`
      const cap = raw(String(SORTED_MATCHES))
      const textMatches =
        terms.length === 1
          ? oneWord(terms[0], cap)
          : sql`(select user_id, lower(name) as key from member_search
              where document @@ ${tsquery} limit ${cap})`
      filters.push({
        // One IN (... union ...) rather than two ORed INs: PostgreSQL turns it into a semi-join
        // and starts from the few matches instead of filtering every member in name order.
        condition: sql`users.id in (${fullText} union ${fields})`,
        // Counted apart: a capped count of the union would still build the whole union first.
        candidates: [fullText, fields],
        // Many matches: walk the sort order and check each member. SQLite checks against the
        // matches, which FTS5 lists cheaply. PostgreSQL would build the same list by reading
        // every member's document, so it reads the document of each member it passes instead.
        broad: postgres
          ? sql`((select document from member_search where member_search.user_id = users.id)
              @@ ${tsquery} or users.id in (${fields}))`
          : sql`(users.id in (${fullText}) or users.id in (${fields}))`,
        matches: postgres
          ? sql`${textMatches} union (select member_search.user_id, lower(member_search.name)
              from (${fields}) as fields
              inner join member_search on member_search.user_id = fields.user_id
              limit ${cap})`
          : undefined,
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
      if (postgres && !filter.broad) continue
      let count = 0
      for (const candidates of filter.candidates) {
        const [row] = await rowsOf(
          sql`select count(*) as total from (${candidates} limit ${FEW_CANDIDATES}) as candidates`
        )
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
    // PostgreSQL takes the ids as one array (its text form: the query builder would spread a
    // JS array into a list), so pages of any length share one statement.
    const holders = isPostgres()
      ? sql`member_badges.user_id = any(${`{${userIds.map(Number).join(',')}}`}::int[])`
      : sql`member_badges.user_id in (${join(userIds)})`
    const rows = await rowsOf(
      sql`select member_badges.user_id, badges.name, badges.icon
        from member_badges inner join badges on badges.id = member_badges.badge_id
        where ${holders}
        order by badges.name`,
      { prepared: true }
    )
    for (const row of rows) {
      const list = byUser.get(row.user_id) ?? []
      list.push({ name: row.name, icon: row.icon })
      byUser.set(row.user_id, list)
    }
    return byUser
  }
}
