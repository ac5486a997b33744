import { randomBytes } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#models/audit_log'
import type User from '#models/user'
import UserToken from '#models/user_token'
import SessionRegistry from '#services/auth/session_registry'
import ImageUploadService from '#services/uploads/image_upload_service'
import { containsPattern } from '#services/database/like'
import privacyRegistry, { type ExportedFile } from '#services/privacy/privacy_registry'

export const FORMER_MEMBER_NAME = 'Former member'

/**
 * An address the account has used, lower-cased, with the audit entry (an id: ids grow with
 * time, in every dialect) of the change that left it; null for the current one.
 */
interface OwnedAddress {
  address: string
  leftAt: number | null
}

/**
 * The current address and those the account changed away from, as its own address changes
 * recorded them (read before those entries are anonymised). An address left twice is owned
 * until the last time.
 */
async function ownedAddresses(user: User, trx: TransactionClientContract) {
  const current = user.email.toLowerCase()
  const owned = new Map<string, OwnedAddress>([[current, { address: current, leftAt: null }]])
  const changes = await AuditLog.query({ client: trx })
    .where('subject_id', user.id)
    .where('action', 'email.changed')
    .whereNotNull('meta')
    .orderBy('id', 'asc')
  for (const change of changes) {
    const { from } = JSON.parse(change.meta!)
    if (typeof from !== 'string') continue
    const address = from.toLowerCase()
    if (address !== current) owned.set(address, { address, leftAt: change.id })
  }
  return [...owned.values()]
}

/**
 * Failed sign-ins and locks of an address are recorded with the typed address and no account,
 * and some entries (a seat invitation) name it in their details. The address goes from them
 * too, and where a sign-in attempt came from, as for the entries about the account. Entries
 * about another account are left alone (the address may have been theirs before), and so are
 * addresses that merely contain this one. A former address goes only from the entries recorded
 * before the account left it: since then it may be another member's.
 */
async function eraseAddressFromTrail(
  user: User,
  { address, leftAt }: OwnedAddress,
  trx: TransactionClientContract
) {
  const trail = () =>
    AuditLog.query({ client: trx })
      .where((query) => query.whereNull('subject_id').orWhere('subject_id', user.id))
      .if(leftAt !== null, (query) => query.where('id', '<', leftAt!))

  await trail()
    .whereRaw('lower(subject_email) = ?', [address])
    .update({ subject_email: null, ip: null, user_agent: null })

  const mentions = await trail().whereRaw("lower(meta) like ? escape '\\'", [
    containsPattern(address),
  ])
  for (const entry of mentions) {
    const meta = JSON.stringify(withoutAddress(JSON.parse(entry.meta!), address))
    if (meta !== entry.meta) {
      entry.meta = meta
      await entry.save()
    }
  }
}

function withoutAddress(value: unknown, address: string): unknown {
  if (typeof value === 'string') {
    return value.toLowerCase() === address ? null : value
  }
  if (Array.isArray(value)) {
    return value.map((item) => withoutAddress(item, address))
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutAddress(item, address)])
    )
  }
  return value
}

/*
 * The foundation's own personal data: the account and profile, the security audit entries
 * about the person, and the sessions they are signed in with.
 */
privacyRegistry
  // Before the account, whose erasure replaces the address the trail is searched for.
  .register({
    name: 'audit',
    async export(user) {
      const entries = await AuditLog.query()
        .where('subject_id', user.id)
        .orWhere('actor_id', user.id)
        .orderBy('created_at', 'asc')
      return {
        data: {
          entries: entries.map((entry) => ({
            action: entry.action,
            byYou: entry.actorId === user.id,
            aboutYou: entry.subjectId === user.id,
            ip: entry.ip,
            userAgent: entry.userAgent,
            at: entry.createdAt.toISO(),
          })),
        },
      }
    },
    async erase(user, trx) {
      // The trail of what happened stays (it protects the association and other members);
      // what identifies the person in it goes.
      await AuditLog.query({ client: trx })
        .where('subject_id', user.id)
        .update({ subject_email: null })
      await AuditLog.query({ client: trx })
        .where('actor_id', user.id)
        .orWhere('subject_id', user.id)
        .update({ ip: null, user_agent: null })
      const addresses = await ownedAddresses(user, trx)
      // The account's own address changes hold nothing but its addresses, former ones included.
      await AuditLog.query({ client: trx })
        .where('subject_id', user.id)
        .where('action', 'email.changed')
        .update({ meta: null })
      for (const owned of addresses) {
        await eraseAddressFromTrail(user, owned, trx)
      }
    },
  })
  .register({
    name: 'account',
    async export(user) {
      const files: ExportedFile[] = []
      if (user.avatarKey) {
        const avatar = await ImageUploadService.read(user.avatarKey)
        if (avatar) {
          files.push({ name: 'avatar.webp', contents: avatar })
        }
      }
      return {
        data: {
          fullName: user.fullName,
          displayName: user.displayName,
          email: user.email,
          emailVerifiedAt: user.emailVerifiedAt?.toISO() ?? null,
          role: user.role,
          status: user.status,
          bio: user.bio,
          phone: user.phone,
          profileVisibility: user.profileVisibility,
          showEmail: user.showEmail,
          timezone: user.timezone,
          lastLoginAt: user.lastLoginAt?.toISO() ?? null,
          createdAt: user.createdAt.toISO(),
          updatedAt: user.updatedAt?.toISO() ?? null,
        },
        files,
      }
    },
    async erase(user, trx) {
      const avatarKey = user.avatarKey
      user.useTransaction(trx)
      user.merge({
        fullName: FORMER_MEMBER_NAME,
        displayName: null,
        email: `deleted-${user.id}@invalid`,
        password: randomBytes(32).toString('base64url'),
        bio: null,
        phone: null,
        avatarKey: null,
        timezone: null,
        profileVisibility: 'private',
        showEmail: false,
        status: 'disabled',
      })
      await user.save()
      await UserToken.query({ client: trx }).where('user_id', user.id).delete()
      return { files: avatarKey ? [avatarKey] : [] }
    },
  })
  .register({
    name: 'sessions',
    async export(user) {
      const sessions = await SessionRegistry.sessionsOf(user)
      return {
        data: {
          sessions: sessions.map((session) => ({
            signedInAt: new Date(session.signedInAt).toISOString(),
            lastSeenAt: new Date(session.lastSeenAt).toISOString(),
            ip: session.ip,
            userAgent: session.userAgent,
          })),
        },
      }
    },
    async erase(user, trx) {
      await trx.from('remember_me_tokens').where('tokenable_id', user.id).delete()
      return { now: () => SessionRegistry.revokeAll(user) }
    },
  })
