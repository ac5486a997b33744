import limiter from '@adonisjs/limiter/services/main'
import { useRedis } from '#config/redis'
import User from '#models/user'
import LoginLockoutService from '#services/auth/login_lockout_service'

/**
 * Rate-limit counters live in Redis when it is configured, outside the rolled-back
 * transaction: forget the ones a test raised for the loopback address and for the accounts
 * it created, so later tests (and runs) start from zero. Call it before the rollback.
 */
export async function forgetRateLimits() {
  if (!useRedis) return
  const ip = '127.0.0.1'
  const counters = limiter.use({ requests: 1, duration: '1 minute' })
  for (const key of [`global_ip_${ip}`, `login_ip_${ip}`, LoginLockoutService.ipKey(ip)]) {
    await counters.delete(key)
  }
  for (const user of await User.query().select('email')) {
    await LoginLockoutService.clear(user.email)
  }
}
