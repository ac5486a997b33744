import type { Group } from '@japa/runner/core'
import limiter from '@adonisjs/limiter/services/main'
import { useRedis } from '#config/redis'
import User from '#models/user'
import LoginLockoutService from '#services/auth/login_lockout_service'

/**
 * Rate-limit counters live in Redis when it is configured, outside the rolled-back
 * transaction: after each test of the group, forget the ones it raised for the loopback
 * address and for the accounts it created, so later tests (and runs) start from zero.
 * Register it after isolateDatabase: setup cleanups run last-registered first, so the
 * accounts are still there to be found.
 */
export function forgetRateLimits(group: Group) {
  group.each.setup(() => async () => {
    if (!useRedis) return
    const ip = '127.0.0.1'
    const counters = limiter.use({ requests: 1, duration: '1 minute' })
    for (const key of [`global_ip_${ip}`, `login_ip_${ip}`, LoginLockoutService.ipKey(ip)]) {
      await counters.delete(key)
    }
    for (const user of await User.query().select('email')) {
      await LoginLockoutService.clear(user.email)
    }
  })
}
