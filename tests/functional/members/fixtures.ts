import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Membership, { type MembershipStatus } from '#models/membership'
import MembershipHistory from '#models/membership_history'
import MembershipType from '#models/membership_type'
import MembershipApplication from '#models/membership_application'
import Badge from '#models/badge'
import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'

export function unique(prefix = 'm') {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

export function randomIp() {
  const part = () => Math.floor(Math.random() * 250) + 1
  return `10.${part()}.${part()}.${part()}`
}

export function uniqueEmail(prefix = 'member') {
  return `${unique(prefix)}@members.test`
}

export async function makeType(overrides: Partial<MembershipType> = {}) {
  const name = overrides.name ?? unique('Type')
  return MembershipType.create({
    name,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    feeAmount: 5000,
    currency: 'EUR',
    durationMonths: 12,
    graceDays: 30,
    requiresApproval: true,
    seats: 0,
    isActive: true,
    position: 1,
    ...overrides,
  })
}

// Accounts made by the helpers below, so their rate-limit counters can be forgotten.
const madeIds = new Set<number>()

function remember(user: User) {
  madeIds.add(user.id)
  return user
}

export const roles = {
  user: async () =>
    remember(
      await UserFactory.apply('nonMember')
        .merge({ email: uniqueEmail('user') })
        .create()
    ),
  member: async () => remember(await UserFactory.merge({ email: uniqueEmail('member') }).create()),
  board: async () =>
    remember(
      await UserFactory.apply('board')
        .merge({ email: uniqueEmail('board') })
        .create()
    ),
  admin: async () =>
    remember(
      await UserFactory.apply('admin')
        .merge({ email: uniqueEmail('admin') })
        .create()
    ),
}

/** A membership straight in `status`, as if earlier changes had happened. */
export async function makeMembership(
  user: User,
  status: MembershipStatus,
  options: { type?: MembershipType; expiresOn?: DateTime | null; number?: string | null } = {}
) {
  const type = options.type ?? (await makeType())
  const membership = await Membership.create({
    userId: user.id,
    membershipTypeId: type.id,
    status,
    memberNumber: options.number === undefined ? unique('N') : options.number,
    startedOn: DateTime.utc().minus({ months: 6 }).startOf('day'),
    expiresOn:
      options.expiresOn === undefined
        ? DateTime.utc().plus({ months: 6 }).startOf('day')
        : options.expiresOn,
    statusChangedAt: DateTime.utc(),
  })
  user.role = ['active', 'grace'].includes(status)
    ? user.isBoard
      ? user.role
      : 'member'
    : user.isBoard
      ? user.role
      : 'user'
  await user.save()
  return membership
}

export async function makeApplication(user: User, type: MembershipType) {
  return MembershipApplication.create({
    userId: user.id,
    membershipTypeId: type.id,
    status: 'pending',
    institution: 'University of Leiden',
    position: 'Lecturer',
    field: 'Medieval history',
    degrees: 'PhD',
    website: 'https://example.org/ada',
    orcid: '0000-0002-1825-0097',
    interests: 'Guilds, charters',
    country: 'NL',
    motivation: 'I study the guilds of the Low Countries and would like to join.',
    consentVersion: '2026-01',
    consentedAt: DateTime.utc(),
  })
}

export async function makeBadge(name = unique('Badge')) {
  return Badge.create({ name, slug: name.toLowerCase(), icon: '★', description: null })
}

export function historyOf(membership: Membership) {
  return MembershipHistory.query().where('membership_id', membership.id).orderBy('id')
}

/**
 * Export counters are kept per account id, which a rolled-back database hands out again, and
 * live in Redis (outside the transaction) when it is configured: forget those of every account
 * the test created.
 */
export async function forgetExportLimits() {
  const counters = limiter.use({ requests: 1, duration: '1 minute' })
  for (const id of madeIds) {
    await counters.delete(`member_export_user_${id}`)
  }
  madeIds.clear()
}

/** The account's role as stored now. */
export async function roleOf(userId: number) {
  const user = await User.findOrFail(userId)
  return user.role
}
