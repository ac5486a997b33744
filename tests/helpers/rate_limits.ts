import type { Group } from '@japa/runner/core'
import limiter from '@adonisjs/limiter/services/main'
import { useRedis } from '#config/redis'
import User from '#models/user'
import LoginLockoutService from '#services/auth/login_lockout_service'

/**
 * Rate-limit counters live outside the rolled-back transaction. After each test of the group,
 * forgets the ones it raised: in Redis, those of the loopback address and the sign-in lockouts
 * of the accounts it created; anywhere, the limits named in `accountLimits`, kept per account
 * id, which a rolled-back database hands out again. Register it after isolateDatabase: setup
 * cleanups run last-registered first, so the test's accounts are still there to be found.
 */
export function forgetRateLimits(group: Group, ...accountLimits: string[]) {
  group.each.setup(() => async () => {
    const counters = limiter.use({ requests: 1, duration: '1 minute' })
    const users = await User.query().select('id', 'email')
    for (const user of users) {
      for (const name of accountLimits) await counters.delete(`${name}_user_${user.id}`)
    }
    if (!useRedis) return
    const ip = '127.0.0.1'
    for (const key of [`global_ip_${ip}`, `login_ip_${ip}`, LoginLockoutService.ipKey(ip)]) {
      await counters.delete(key)
    }
    for (const user of users) await LoginLockoutService.clear(user.email)
  })
}
