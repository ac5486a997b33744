import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { useRedis } from '#config/redis'
import { throttleTouches } from '#services/auth/session_touch_throttle'

/*
 * Sessions live server-side (database table `sessions`, or Redis) so they can be listed and
 * revoked per user, and so every app instance sees the same ones.
 *
 * `age` is the idle timeout: requests push expiry forward (at most once a minute, see
 * throttleTouches). The absolute timeout is enforced by the session_timeout middleware.
 */
export const SESSION_COOKIE_NAME = 'guildhall-session'

export const sessionLimits = {
  idleMinutes: 120,
  absoluteHours: 24 * 14,
}

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: SESSION_COOKIE_NAME,
  clearWithBrowser: false,
  age: `${sessionLimits.idleMinutes}m`,
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  // Tests use the memory store, the one the Japa session client writes to (withSession, loginAs).
  store: app.inTest ? 'memory' : useRedis ? 'redis' : 'database',
  stores: {
    database: throttleTouches(stores.database({ tableName: 'sessions', gcProbability: 2 })),
    redis: throttleTouches(stores.redis({ connection: 'main' })),
  },
})

export default sessionConfig
