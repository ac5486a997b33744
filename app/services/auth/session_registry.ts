import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { SessionCollection } from '@adonisjs/session'
import type User from '#models/user'

export interface SessionMeta {
  signedInAt: number
  lastSeenAt: number
  ip: string
  userAgent: string
}

export interface ListedSession extends SessionMeta {
  id: string
  current: boolean
}

const META_KEY = 'device'
const TOUCH_EVERY_MS = 60_000

/**
 * The sessions a user is signed in with, across devices and app instances: each session is
 * tagged with its user id in the session store, and carries the device it was opened from.
 */
export default class SessionRegistry {
  constructor(private ctx: HttpContext) {}

  static async collection() {
    return app.container.make(SessionCollection)
  }

  /**
   * The user's sessions with the device each was opened from, most recently used first.
   */
  static async sessionsOf(user: User): Promise<Array<SessionMeta & { id: string }>> {
    const collection = await SessionRegistry.collection()
    const sessions = await collection.tagged(String(user.id))
    return sessions
      .map(({ id, data }) => {
        const meta = (data[META_KEY] ?? {}) as Partial<SessionMeta>
        return {
          id,
          signedInAt: meta.signedInAt ?? 0,
          lastSeenAt: meta.lastSeenAt ?? 0,
          ip: meta.ip ?? '',
          userAgent: meta.userAgent ?? '',
        }
      })
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt)
  }

  current(): SessionMeta | undefined {
    return this.ctx.session.get(META_KEY)
  }

  /**
   * Called at sign-in (and when a remember-me cookie reopens a session).
   */
  async start(user: User) {
    const now = Date.now()
    this.ctx.session.put(META_KEY, {
      signedInAt: now,
      lastSeenAt: now,
      ip: this.ctx.request.ip(),
      userAgent: (this.ctx.request.header('user-agent') ?? '').slice(0, 300),
    } satisfies SessionMeta)
    await this.ctx.session.tag(String(user.id))
  }

  async touch(user: User) {
    const meta = this.current()
    if (!meta) {
      return this.start(user)
    }
    if (Date.now() - meta.lastSeenAt > TOUCH_EVERY_MS) {
      this.ctx.session.put(META_KEY, { ...meta, lastSeenAt: Date.now(), ip: this.ctx.request.ip() })
    }
  }

  async list(user: User): Promise<ListedSession[]> {
    const sessions = await SessionRegistry.sessionsOf(user)
    return sessions.map((session) => ({
      ...session,
      current: session.id === this.ctx.session.sessionId,
    }))
  }

  /**
   * Ends one of the user's sessions. Returns false when the id is not one of theirs.
   */
  async revoke(user: User, sessionId: string) {
    const collection = await SessionRegistry.collection()
    const sessions = await collection.tagged(String(user.id))
    if (!sessions.some((session) => session.id === sessionId)) {
      return false
    }
    await collection.destroy(sessionId)
    return true
  }

  /**
   * Ends every session of a user, optionally sparing the one making the request.
   */
  static async revokeAll(user: User, exceptSessionId?: string) {
    const collection = await SessionRegistry.collection()
    const sessions = await collection.tagged(String(user.id))
    for (const session of sessions) {
      if (session.id !== exceptSessionId) {
        await collection.destroy(session.id)
      }
    }
    // A remember-me cookie would otherwise reopen a session on the devices just signed out.
    await db.from('remember_me_tokens').where('tokenable_id', user.id).delete()
  }
}
