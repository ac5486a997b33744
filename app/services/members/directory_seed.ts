import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'

/**
 * Bulk members for load tests: `count` members in good standing (a membership, a professional
 * profile and, for one in ten, a badge) plus one lapsed former member for every twenty. Rows go in by batches inside one transaction with one password hash computed up
 * front, so 100,000 members take seconds rather than the hours one hash per member would.
 * The data is varied but deterministic (the same count gives the same members).
 */
const FIRST =
  'Ada Alan Grace Edsger Barbara Donald Frances Tim Radia Ken Margaret John Katherine Dennis Sophie Hedy Claude Lise Emmy Niels Marie Rosalind Srinivasa Chien-Shiung Wangari Carl Mary Alexander Ibn Hypatia Amalie Paul Lotte Yusuf Ingrid Mei Kwame Aiko Luca Chiara'.split(
    ' '
  )
const LAST =
  'Lovelace Turing Hopper Dijkstra Liskov Knuth Allen Berners-Lee Perlman Thompson Hamilton McCarthy Johnson Ritchie Wilson Lamarr Shannon Meitner Noether Bohr Curie Franklin Ramanujan Wu Maathai Gauss Somerville Fleming Sina Alexandria Dirac Eriksen Okafor Nakamura Rossi Bianchi Schmidt Dubois Novak Kowalski Haddad Mensah Tanaka Larsen Moreau Silva Kaur Petrov Yilmaz Andersson'.split(
    ' '
  )
const INSTITUTIONS = [
  'University of Edinburgh',
  'Sorbonne Université',
  'ETH Zürich',
  'KU Leuven',
  'University of Cape Town',
  'Universidad de Chile',
  'Kyoto University',
  'McGill University',
  'Uppsala University',
  'University of Bologna',
  'Trinity College Dublin',
  'Charles University',
  'National Physical Laboratory',
  'Max Planck Institute',
  'Independent researcher',
]
const POSITIONS = [
  'Professor',
  'Lecturer',
  'Postdoctoral researcher',
  'PhD candidate',
  'Research engineer',
  'Curator',
  'Librarian',
  'Consultant',
]
const FIELDS = [
  'Mathematics',
  'Computer science',
  'Astronomy',
  'History of science',
  'Linguistics',
  'Marine biology',
  'Archaeology',
  'Economics',
  'Philosophy',
  'Chemistry',
  'Geology',
  'Musicology',
]
const INTERESTS = [
  'number theory',
  'open science',
  'medieval manuscripts',
  'coral reefs',
  'exoplanets',
  'compilers',
  'climate policy',
  'epigraphy',
  'typography',
  'bird migration',
  'cryptography',
  'glaciers',
  'science communication',
  'early music',
  'volcanoes',
  'graph theory',
]
const COUNTRIES = [
  'GB',
  'FR',
  'DE',
  'CH',
  'BE',
  'ZA',
  'CL',
  'JP',
  'CA',
  'SE',
  'IT',
  'IE',
  'CZ',
  'US',
  'NL',
  'ES',
  'PL',
  'NG',
  'IN',
  'BR',
]
const TYPES = [
  { name: 'Regular', slug: 'regular', durationMonths: 12 },
  { name: 'Student', slug: 'student', durationMonths: 12 },
  { name: 'Fellow', slug: 'fellow', durationMonths: null },
]
const BADGES = [
  { name: 'Founding member', slug: 'founding-member', icon: '🏛' },
  { name: 'Mentor', slug: 'mentor', icon: '🧭' },
  { name: 'Volunteer', slug: 'volunteer', icon: '🤝' },
]

export interface SeedResult {
  created: number
  firstUserId: number
  password: string
}

function pick<T>(list: T[], n: number) {
  return list[n % list.length]
}

export default class DirectorySeed {
  static async seed(
    count: number,
    options: { password: string; emailDomain: string; batchSize?: number }
  ): Promise<SeedResult> {
    const batchSize = options.batchSize ?? 500
    const passwordHash = await hash.make(options.password)
    const now = DateTime.utc()
    const stamp = now.toSQL({ includeOffset: false })!
    const postgres = db.connection().dialect.name === 'postgres'

    const typeIds = await DirectorySeed.#ensure('membership_types', TYPES, (type, index) => ({
      name: type.name,
      slug: type.slug,
      duration_months: type.durationMonths,
      position: index,
      created_at: stamp,
    }))
    const badgeIds = await DirectorySeed.#ensure('badges', BADGES, (badge) => ({
      name: badge.name,
      slug: badge.slug,
      icon: badge.icon,
      created_at: stamp,
    }))

    return db.transaction(async (trx) => {
      const { max } = await trx.from('users').max('id as max').firstOrFail()
      const firstUserId = Number(max ?? 0) + 1
      const total = count + Math.floor(count / 20)
      for (let start = 0; start < total; start += batchSize) {
        const users = []
        const memberships = []
        const profiles = []
        const awards = []
        for (let i = start; i < Math.min(total, start + batchSize); i++) {
          const id = firstUserId + i
          // Multipliers co-prime with the list lengths spread the combinations evenly.
          const fullName = `${pick(FIRST, i * 7)} ${pick(LAST, i * 11 + Math.floor(i / LAST.length))}`
          const roll = (i * 37) % 100
          const lapsed = i >= count
          users.push({
            id,
            full_name: fullName,
            email: `member${id}@${options.emailDomain}`,
            password: passwordHash,
            // The second account is on the board, to sign in as the board.
            role: lapsed ? 'user' : i === 1 ? 'board' : 'member',
            status: 'active',
            email_verified_at: stamp,
            profile_visibility: roll < 20 ? 'public' : roll < 90 ? 'members' : 'private',
            show_email: roll % 3 === 0,
            created_at: stamp,
          })
          const started = now.minus({ days: (i * 13) % 7300 })
          memberships.push({
            user_id: id,
            membership_type_id: pick(typeIds, i),
            status: lapsed ? 'inactive' : roll < 95 ? 'active' : 'grace',
            started_on: started.toISODate(),
            expires_on: (roll < 95 && !lapsed
              ? now.plus({ days: 1 + ((i * 29) % 365) })
              : now.minus({ days: 1 + (i % 20) })
            ).toISODate(),
            status_changed_at: stamp,
            created_at: stamp,
          })
          profiles.push({
            user_id: id,
            institution: pick(INSTITUTIONS, i * 3),
            position: pick(POSITIONS, i * 5),
            field: pick(FIELDS, i),
            degrees: i % 4 === 0 ? 'PhD' : i % 4 === 1 ? 'MSc' : null,
            interests: `${pick(INTERESTS, i)}, ${pick(INTERESTS, i * 3 + 1)}`,
            country: pick(COUNTRIES, i * 17),
            created_at: stamp,
          })
          if (i % 10 === 0) {
            awards.push({ badge_id: pick(badgeIds, i / 10), user_id: id, awarded_at: stamp })
          }
        }
        await trx.table('users').multiInsert(users)
        await trx.table('memberships').multiInsert(memberships)
        await trx.table('member_profiles').multiInsert(profiles)
        if (awards.length) await trx.table('member_badges').multiInsert(awards)
      }
      // Explicit ids leave PostgreSQL's sequence behind; later sign-ups would collide.
      if (postgres) {
        await trx.rawQuery(
          `select setval(pg_get_serial_sequence('users', 'id'), (select max(id) from users))`
        )
      }
      return { created: total, firstUserId, password: options.password }
    })
  }

  /** Ids of the rows with these slugs, inserting the missing ones. */
  static async #ensure<T extends { slug: string }>(
    table: string,
    wanted: T[],
    toRow: (item: T, index: number) => Record<string, unknown>
  ) {
    const ids: number[] = []
    for (const [index, item] of wanted.entries()) {
      const existing = await db.from(table).where('slug', item.slug).select('id').first()
      if (existing) {
        ids.push(existing.id)
      } else {
        const [inserted] = await db.table(table).insert(toRow(item, index)).returning('id')
        ids.push(typeof inserted === 'object' ? inserted.id : inserted)
      }
    }
    return ids
  }
}
