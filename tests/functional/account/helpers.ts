import { randomInt, randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import type {
  ResolvedSessionConfig,
  SessionStoreWithTaggingContract,
} from '@adonisjs/session/types'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import { pngImage } from '#tests/fixtures/images'

export function randomIp() {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`
}

/** Gives `user` a profile picture through the form; returns its stored key. */
export async function withAvatar(user: User, client: ApiClient) {
  await client
    .post('/account/avatar')
    .file('avatar', await pngImage(), { filename: 'me.png' })
    .loginAs(user)
    .withCsrfToken()
  await user.refresh()
  return user.avatarKey!
}

export function uniqueEmail(label = 'member') {
  return `${label}-${Date.now()}-${randomInt(1_000_000)}@example.org`
}

/**
 * Asks, as `user` with `password`, for the account's address to become `newEmail`, and returns
 * the path of the confirmation link mailed to it.
 */
export async function emailChangeLink(
  client: ApiClient,
  user: User,
  newEmail: string,
  password: string
) {
  await client
    .post('/account/email')
    .form({ email: newEmail, currentPassword: password })
    .loginAs(user)
    .withCsrfToken()
  const mail = await smtpSink.waitFor(newEmail)
  return new URL(linkIn(mail, '/account/email/confirm/')).pathname
}

async function sessionStore() {
  const config = (await configProvider.resolve<ResolvedSessionConfig>(
    app,
    app.config.get('session')
  ))!
  return config.stores[config.store](null as any, config) as SessionStoreWithTaggingContract
}

/**
 * A session the user opened on another device, written straight into the app's session store
 * (whichever it is), signed in and tagged as a real sign-in would leave it.
 */
export async function openSessionElsewhere(
  user: User,
  device = {
    userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    ip: '192.0.2.44',
  }
) {
  const store = await sessionStore()
  const id = randomUUID()
  const now = Date.now()
  await store.write(id, {
    auth_web: user.id,
    device: { signedInAt: now - 3_600_000, lastSeenAt: now - 60_000, ...device },
  })
  await store.tag(id, String(user.id))
  opened.push(id)
  return id
}

const opened: string[] = []

/**
 * Removes the sessions the tests opened: the session store is not rolled back with the database,
 * and user ids are reused after a rollback.
 */
export async function closeOpenedSessions() {
  const store = await sessionStore()
  for (const id of opened.splice(0)) {
    await store.destroy(id)
  }
}

export async function sessionExists(id: string) {
  const store = await sessionStore()
  return (await store.read(id)) !== null
}
