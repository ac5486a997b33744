import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { forgetRateLimits } from '#tests/helpers/rate_limits'
import type User from '#models/user'
import ProfileField from '#models/profile_field'
import {
  makeApplication,
  makeBadge,
  makeMembership,
  makeType,
  randomIp,
  roles,
  forgetExportLimits,
  unique,
} from '#tests/functional/members/fixtures'

type Who = 'visitor' | keyof typeof roles
const EVERYONE: Who[] = ['visitor', 'user', 'member', 'board', 'admin']

interface Route {
  method: 'get' | 'post' | 'put' | 'delete'
  url: string
  allowed: Who[]
}

const BOARD: Who[] = ['board', 'admin']
const ADMIN: Who[] = ['admin']

test.group('Members / authorization on every admin route', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)
  group.each.teardown(() => forgetExportLimits())

  test('each role gets in only where it should', async ({ client, assert }) => {
    const type = await makeType()
    const membership = await makeMembership(await roles.user(), 'active', { type })
    const application = await makeApplication(await roles.user(), type)
    const badge = await makeBadge()
    const field = await ProfileField.create({
      key: unique('field').replace('-', '_'),
      label: 'Office',
      kind: 'text',
      options: null,
      visibility: 'members',
      searchable: false,
      position: 1,
    })

    const routes: Route[] = [
      { method: 'get', url: '/admin/members', allowed: BOARD },
      { method: 'get', url: '/admin/members/statistics', allowed: BOARD },
      { method: 'get', url: '/admin/members/export', allowed: BOARD },
      { method: 'get', url: '/admin/members/export.csv?columns=name', allowed: BOARD },
      { method: 'get', url: '/admin/members/import', allowed: ADMIN },
      { method: 'post', url: '/admin/members/import/preview', allowed: ADMIN },
      { method: 'post', url: '/admin/members/import', allowed: ADMIN },
      { method: 'post', url: '/admin/members/bulk', allowed: BOARD },
      { method: 'get', url: `/admin/members/${membership.id}`, allowed: BOARD },
      { method: 'put', url: `/admin/members/${membership.id}/status`, allowed: BOARD },
      { method: 'post', url: `/admin/members/${membership.id}/renewals`, allowed: ADMIN },
      { method: 'post', url: `/admin/members/${membership.id}/badges`, allowed: BOARD },
      {
        method: 'delete',
        url: `/admin/members/${membership.id}/badges/${badge.id}`,
        allowed: BOARD,
      },
      { method: 'get', url: '/admin/applications', allowed: BOARD },
      { method: 'get', url: `/admin/applications/${application.id}`, allowed: BOARD },
      { method: 'get', url: `/admin/applications/${application.id}/document`, allowed: BOARD },
      { method: 'post', url: `/admin/applications/${application.id}/reject`, allowed: BOARD },
      { method: 'post', url: `/admin/applications/${application.id}/approve`, allowed: BOARD },
      { method: 'get', url: '/admin/badges', allowed: ADMIN },
      { method: 'post', url: '/admin/badges', allowed: ADMIN },
      { method: 'get', url: `/admin/badges/${badge.id}/edit`, allowed: ADMIN },
      { method: 'put', url: `/admin/badges/${badge.id}`, allowed: ADMIN },
      { method: 'get', url: '/admin/membership-types', allowed: ADMIN },
      { method: 'post', url: '/admin/membership-types', allowed: ADMIN },
      { method: 'put', url: `/admin/membership-types/${type.id}`, allowed: ADMIN },
      { method: 'get', url: '/admin/profile-fields', allowed: ADMIN },
      { method: 'post', url: '/admin/profile-fields', allowed: ADMIN },
      { method: 'get', url: `/admin/profile-fields/${field.id}/edit`, allowed: ADMIN },
      { method: 'put', url: `/admin/profile-fields/${field.id}`, allowed: ADMIN },
      { method: 'delete', url: `/admin/badges/${badge.id}`, allowed: ADMIN },
      { method: 'delete', url: `/admin/profile-fields/${field.id}`, allowed: ADMIN },
    ]

    const users: Partial<Record<Who, User>> = {}
    for (const who of EVERYONE) {
      if (who !== 'visitor') users[who] = await roles[who]()
    }

    for (const route of routes) {
      for (const who of EVERYONE) {
        let request = client[route.method](route.url)
          .header('x-forwarded-for', randomIp())
          .redirects(0)
        if (route.method !== 'get') request = request.withCsrfToken()
        const user = users[who]
        const response = await (user ? request.loginAs(user) : request)
        const status = response.status()
        const label = `${who} ${route.method.toUpperCase()} ${route.url} → ${status}${status >= 500 ? ` ${response.text().replace(/\s+/g, ' ').slice(0, 3000)}` : ''}`
        if (who === 'visitor') {
          assert.equal(status, 302, label)
          assert.match(response.header('location') ?? '', /^\/login/, label)
        } else if (route.allowed.includes(who)) {
          assert.notInclude([401, 403, 500], status, label)
        } else {
          assert.equal(status, 403, label)
        }
      }
    }
  })
})
