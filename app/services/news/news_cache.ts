import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

export interface CachedPage {
  status: number
  headers: Record<string, string>
  body: string
  nonce: string | null
  postId: number | null
  expiresAt: number
}

const MAX_ENTRIES = 2000
const TTL_MS = 60_000
// How often an instance checks the shared version; the instance that changed something bumps
// its own copy at once, the others follow within this delay.
const VERSION_CHECK_MS = 1_000

/**
 * The page cache for anonymous visitors of the news pages and feeds. Entries are whole
 * responses keyed by URL, valid for one version of the news: every publication, edit, archive,
 * deletion or category change bumps the version stored in the database, so all instances drop
 * their entries together. An entry also never outlives the next scheduled publication, so a
 * scheduled post appears on time without waiting for the publishing job.
 *
 * Only responses rendered for a visitor without a session are stored (see the middleware),
 * and visitors only ever see public posts, so nothing members-only can be served from here.
 */
class NewsCache {
  #entries = new Map<string, CachedPage>()
  #version = -1
  #nextScheduledAt = Number.POSITIVE_INFINITY
  #checkedAt = 0
  #checking: Promise<void> | null = null

  async #refresh() {
    const now = Date.now()
    if (now - this.#checkedAt < VERSION_CHECK_MS) return
    this.#checking ??= (async () => {
      try {
        const row = await db.from('news_cache_versions').where('name', 'news').first()
        const version = Number(row?.version ?? 0)
        const next = await db
          .from('posts')
          .where('status', 'published')
          .where('published_at', '>', DateTime.utc().toSQL()!)
          .min('published_at as next')
          .first()
        this.#nextScheduledAt = next?.next ? toMillis(next.next) : Number.POSITIVE_INFINITY
        if (version !== this.#version) {
          this.#entries.clear()
          this.#version = version
        }
        this.#checkedAt = Date.now()
      } catch (error) {
        logger.warn({ err: error }, 'news cache version check failed')
        this.#entries.clear()
      } finally {
        this.#checking = null
      }
    })()
    await this.#checking
  }

  async get(key: string) {
    await this.#refresh()
    const entry = this.#entries.get(key)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return null
    }
    return entry
  }

  async set(key: string, page: Omit<CachedPage, 'expiresAt'>) {
    await this.#refresh()
    if (this.#entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, {
      ...page,
      expiresAt: Math.min(Date.now() + TTL_MS, this.#nextScheduledAt),
    })
  }

  /**
   * Called by the news services after every change visitors could see.
   */
  async invalidate() {
    await db.from('news_cache_versions').where('name', 'news').increment('version', 1)
    this.#entries.clear()
    this.#checkedAt = 0
  }

  clear() {
    this.#entries.clear()
    this.#checkedAt = 0
  }

  static newNonce() {
    return randomBytes(16).toString('base64')
  }
}

function toMillis(value: unknown) {
  if (value instanceof Date) return value.getTime()
  const parsed = DateTime.fromSQL(String(value), { zone: 'utc' })
  return parsed.isValid ? parsed.toMillis() : Date.parse(String(value))
}

export { NewsCache }
const newsCache = new NewsCache()
export default newsCache
