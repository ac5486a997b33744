import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type {
  SessionData,
  SessionStoreFactory,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'

/**
 * The sessions whose expiry this process pushed forward lately. Kept in insertion order, so the
 * oldest entries are at the front and pruning stops at the first recent one.
 */
export class RecentTouches {
  #touchedAt = new Map<string, number>()

  constructor(
    private windowMs: number,
    private now: () => number = Date.now
  ) {}

  /** True, and recorded as touched now, when `sessionId` was not touched within the window. */
  claim(sessionId: string) {
    const now = this.now()
    this.#prune(now)
    if (this.#touchedAt.has(sessionId)) return false
    this.#touchedAt.set(sessionId, now)
    return true
  }

  mark(sessionId: string) {
    this.#touchedAt.delete(sessionId)
    this.#touchedAt.set(sessionId, this.now())
  }

  forget(sessionId: string) {
    this.#touchedAt.delete(sessionId)
  }

  #prune(now: number) {
    for (const [sessionId, touchedAt] of this.#touchedAt) {
      if (now - touchedAt < this.windowMs) return
      this.#touchedAt.delete(sessionId)
    }
  }
}

/**
 * A session store that pushes a session's expiry forward at most once a minute per process.
 * The session middleware touches the store on every request that leaves the session unchanged,
 * which on the database store is a write per page view; an idle timeout counted in hours loses
 * nothing by starting up to a minute early.
 */
export class ThrottledTouchStore implements SessionStoreWithTaggingContract {
  constructor(
    private inner: SessionStoreWithTaggingContract,
    private recent: RecentTouches
  ) {}

  read(sessionId: string) {
    return this.inner.read(sessionId)
  }

  async write(sessionId: string, values: Record<string, any>) {
    await this.inner.write(sessionId, values)
    this.recent.mark(sessionId)
  }

  async destroy(sessionId: string) {
    this.recent.forget(sessionId)
    await this.inner.destroy(sessionId)
  }

  async touch(sessionId: string) {
    if (this.recent.claim(sessionId)) await this.inner.touch(sessionId)
  }

  tag(sessionId: string, userId: string | number) {
    return this.inner.tag(sessionId, userId)
  }

  untag(sessionId: string, userId: string | number) {
    return this.inner.untag(sessionId, userId)
  }

  tagged(userId: string | number): Promise<Array<{ id: string; data: SessionData }>> {
    return Promise.resolve(this.inner.tagged(userId))
  }
}

const TOUCH_WINDOW_MS = 60_000
const recentTouches = new RecentTouches(TOUCH_WINDOW_MS)

/** Wraps a session store of the config (`stores.database(...)`, `stores.redis(...)`). */
export function throttleTouches(
  store: ConfigProvider<SessionStoreFactory>
): ConfigProvider<SessionStoreFactory> {
  return configProvider.create(async (app) => {
    const factory = await store.resolver(app)
    return (ctx, config) =>
      new ThrottledTouchStore(
        factory(ctx, config) as SessionStoreWithTaggingContract,
        recentTouches
      )
  })
}
