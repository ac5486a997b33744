import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'

const MAX_SEEN = 200_000

/**
 * Counts a post's readers once per visitor per day without storing anything about visitors.
 * A visitor is the hash of IP + user agent + post with a random salt that lives only in this
 * process's memory and is replaced every UTC day, together with the set of hashes seen; the
 * hash cannot be reversed or linked across days, and nothing reaches the database but the
 * count itself. With several instances a visitor may count once per instance and day, which
 * is the price of keeping no identifiers anywhere.
 */
class ViewCounter {
  #day = ''
  #salt = randomBytes(32)
  #seen = new Set<string>()

  async record(postId: number, ip: string, userAgent: string) {
    const today = new Date().toISOString().slice(0, 10)
    if (today !== this.#day) {
      this.#day = today
      this.#salt = randomBytes(32)
      this.#seen.clear()
    }
    const visitor = createHash('sha256')
      .update(this.#salt)
      .update(`${postId}\n${ip}\n${userAgent}`)
      .digest('base64url')
    if (this.#seen.has(visitor)) return false
    if (this.#seen.size >= MAX_SEEN) this.#seen.clear()
    this.#seen.add(visitor)
    try {
      await db.from('posts').where('id', postId).increment('view_count', 1)
    } catch (error) {
      logger.warn({ err: error, postId }, 'news view count failed')
    }
    return true
  }

  reset() {
    this.#day = ''
  }
}

const viewCounter = new ViewCounter()
export default viewCounter
