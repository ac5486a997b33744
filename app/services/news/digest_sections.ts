import type { DateTime } from 'luxon'
import type User from '#models/user'

export interface DigestItem {
  title: string
  url: string
  /** Plain text: a summary, or a date and place. */
  detail?: string | null
}

/**
 * One part of the weekly digest, contributed by a module: news registers "New posts"
 * (app/services/news/news_digest.ts); a future events module registers "Upcoming events" the
 * same way, with no change to the digest job or mail. `collect` returns only what the member
 * may see.
 */
export interface DigestSection {
  name: string
  title: string
  collect(user: User, since: DateTime): Promise<DigestItem[]>
}

class DigestSections {
  #sections: DigestSection[] = []

  register(section: DigestSection) {
    if (this.#sections.some((existing) => existing.name === section.name)) {
      throw new Error(`Digest section "${section.name}" is registered twice`)
    }
    this.#sections.push(section)
    return this
  }

  all() {
    return [...this.#sections]
  }
}

const digestSections = new DigestSections()
export default digestSections
