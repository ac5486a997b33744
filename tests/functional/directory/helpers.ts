import hash from '@adonisjs/core/services/hash'
import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import type { Group } from '@japa/runner/core'
import { DateTime } from 'luxon'
import User from '#models/user'
import type { ProfileVisibility, Role } from '#models/user'
import { isolateDatabase } from '#tests/helpers/database'

let sequence = 0
let passwordHash: string | undefined

/** Each test in its own transaction, with the directory closed to visitors unless it opens it. */
export function isolateDirectory(group: Group) {
  isolateDatabase(group)
  group.each.setup(() => {
    env.set('DIRECTORY_PUBLIC', false)
    return () => env.set('DIRECTORY_PUBLIC', false)
  })
}

export function openToVisitors(open: boolean) {
  env.set('DIRECTORY_PUBLIC', open)
}

export async function makeType(name = 'Regular') {
  sequence++
  const [row] = await db
    .table('membership_types')
    .insert({
      name: `${name} ${sequence}`,
      slug: `directory-type-${sequence}`,
      position: sequence,
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    .returning('id')
  return { id: typeof row === 'object' ? row.id : row, name: `${name} ${sequence}` }
}

export async function makeBadge(name = 'Mentor') {
  sequence++
  const [row] = await db
    .table('badges')
    .insert({
      name: `${name} ${sequence}`,
      slug: `directory-badge-${sequence}`,
      icon: '★',
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    .returning('id')
  return { id: typeof row === 'object' ? row.id : row, name: `${name} ${sequence}` }
}

export interface MemberSpec {
  name: string
  typeId: number
  visibility?: ProfileVisibility
  showEmail?: boolean
  membership?: 'pending' | 'active' | 'grace' | 'inactive' | 'suspended'
  role?: Role
  accountStatus?: 'active' | 'disabled' | 'suspended'
  startedOn?: string
  institution?: string | null
  field?: string | null
  interests?: string | null
  country?: string | null
}

/**
 * Members inserted directly (hashing a password per member would make a 120-member test
 * take a minute); all share one password so any of them can sign in.
 */
export async function makeMembers(specs: MemberSpec[]) {
  passwordHash ??= await hash.make('correct horse battery staple')
  const now = DateTime.utc().toSQL({ includeOffset: false })
  const users: User[] = []
  for (const spec of specs) {
    sequence++
    const good = !spec.membership || ['active', 'grace'].includes(spec.membership)
    const [inserted] = await db
      .table('users')
      .insert({
        full_name: spec.name,
        email: `directory-${sequence}-${Math.random().toString(36).slice(2, 8)}@example.org`,
        password: passwordHash,
        role: spec.role ?? (good ? 'member' : 'user'),
        status: spec.accountStatus ?? 'active',
        email_verified_at: now,
        profile_visibility: spec.visibility ?? 'members',
        show_email: spec.showEmail ?? false,
        created_at: now,
      })
      .returning('id')
    const user = await User.findOrFail(typeof inserted === 'object' ? inserted.id : inserted)
    await db.table('memberships').insert({
      user_id: user.id,
      membership_type_id: spec.typeId,
      status: spec.membership ?? 'active',
      started_on: spec.startedOn ?? '2020-01-01',
      created_at: now,
    })
    await db.table('member_profiles').insert({
      user_id: user.id,
      institution: spec.institution ?? null,
      field: spec.field ?? null,
      interests: spec.interests ?? null,
      country: spec.country ?? null,
      created_at: now,
    })
    users.push(user)
  }
  return users
}

export async function makeMember(spec: MemberSpec) {
  const [user] = await makeMembers([spec])
  return user
}

export async function makeViewer(role: Role) {
  const type = await makeType('Viewer')
  if (role === 'user') {
    passwordHash ??= await hash.make('correct horse battery staple')
    sequence++
    const [inserted] = await db
      .table('users')
      .insert({
        full_name: `Viewer ${sequence}`,
        email: `directory-viewer-${sequence}-${Math.random().toString(36).slice(2, 8)}@example.org`,
        password: passwordHash,
        role: 'user',
        status: 'active',
        email_verified_at: DateTime.utc().toSQL({ includeOffset: false }),
        created_at: DateTime.utc().toSQL({ includeOffset: false }),
      })
      .returning('id')
    return User.findOrFail(typeof inserted === 'object' ? inserted.id : inserted)
  }
  return makeMember({ name: `Viewer ${role}`, typeId: type.id, role, visibility: 'private' })
}

/** The member names listed on a directory page, in order. */
export function listedNames(html: string) {
  return [
    ...html.matchAll(/<li class="directory-card">\s*<h2><a href="\/members\/\d+">([^<]+)<\/a>/g),
  ].map((match) => match[1])
}

export function linkHref(html: string, rel: 'next' | 'prev') {
  const match = html.match(new RegExp(`<a href="([^"]+)" rel="${rel}">`))
  return match ? match[1].replaceAll('&amp;', '&') : null
}

interface Answer {
  text(): string
  status(): number
}

export async function htmlOf(request: PromiseLike<Answer>) {
  const response = await request
  return response.text()
}

export async function statusOf(request: PromiseLike<Answer>) {
  const response = await request
  return response.status()
}

export async function namesOn(request: PromiseLike<Answer>) {
  return listedNames(await htmlOf(request))
}
