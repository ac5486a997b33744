import { randomInt, randomUUID } from 'node:crypto'
import type { ApiResponse } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type {
  ResolvedSessionConfig,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import type User from '#models/user'
import SignupGuard, { MIN_FILL_MS } from '#services/auth/signup_guard'

export const SESSION_COOKIE = 'guildhall-session'

/**
 * A client address of its own for each test: rate limits count per IP, and on Redis their
 * counters outlive the test (TRUSTED_PROXIES=loopback in .env.test makes X-Forwarded-For count).
 */
export function randomIp() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

export function uniqueEmail(label = 'member') {
  return `${label}-${Date.now()}-${randomInt(1_000_000)}@example.org`
}

/**
 * The sign-up form's hidden timestamp, as if the form had been shown long enough ago.
 */
export function filledFormToken() {
  return SignupGuard.formToken(Date.now() - MIN_FILL_MS - 1_000)
}

export function sessionIdOf(response: ApiResponse) {
  return response.cookie(SESSION_COOKIE)?.value as string | undefined
}

/**
 * A signed-in session of `user` on another device, written to the session store as a sign-in
 * leaves it (the API client discards the sessions of its own requests once they are answered).
 */
export async function openSession(user: User, device: string) {
  const config = (await configProvider.resolve<ResolvedSessionConfig>(
    app,
    app.config.get('session')
  ))!
  // Stores built outside a request get no context, as SessionCollection builds them.
  const store = config.stores[config.store](
    null as unknown as HttpContext,
    config
  ) as SessionStoreWithTaggingContract
  const id = randomUUID()
  const now = Date.now()
  await store.write(id, {
    auth_web: user.id,
    device: { signedInAt: now, lastSeenAt: now, ip: randomIp(), userAgent: device },
  })
  await store.tag(id, String(user.id))
  return id
}
