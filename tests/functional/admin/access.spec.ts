import { test } from '@japa/runner'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import type User from '#models/user'
import { forgetRateLimits } from '#tests/helpers/rate_limits'

type Who = 'visitor' | 'user' | 'member' | 'board' | 'admin'
type Expected = 'login' | 403 | 200 | 302

interface AdminRoute {
  method: 'get' | 'put' | 'delete' | 'post'
  url: (target: User) => string
  form?: Record<string, string>
  /** What board members get; admins are always let in, members and non-members never. */
  board: Expected
  admin: Expected
}

/*
 * Board members read the membership (overview, list, account pages); only admins change
 * accounts or see the audit log and failed jobs.
 */
const routes: AdminRoute[] = [
  { method: 'get', url: () => '/admin', board: 200, admin: 200 },
  { method: 'get', url: () => '/admin/users', board: 200, admin: 200 },
  { method: 'get', url: (target) => `/admin/users/${target.id}`, board: 200, admin: 200 },
  {
    method: 'put',
    url: (target) => `/admin/users/${target.id}/role`,
    form: { role: 'board' },
    board: 403,
    admin: 302,
  },
  {
    method: 'put',
    url: (target) => `/admin/users/${target.id}/status`,
    form: { status: 'suspended' },
    board: 403,
    admin: 302,
  },
  {
    method: 'delete',
    url: (target) => `/admin/users/${target.id}/lockout`,
    board: 403,
    admin: 302,
  },
  { method: 'get', url: () => '/admin/audit', board: 403, admin: 200 },
  { method: 'get', url: () => '/admin/jobs', board: 403, admin: 200 },
  { method: 'post', url: () => '/admin/jobs/mail/no-such-job/retry', board: 403, admin: 302 },
]

const people: Who[] = ['visitor', 'user', 'member', 'board', 'admin']

test.group('Admin area / who may enter', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  for (const route of routes) {
    for (const who of people) {
      const expected: Expected =
        who === 'visitor' ? 'login' : who === 'user' || who === 'member' ? 403 : route[who]

      test(`${route.method.toUpperCase()} ${route.url({ id: ':id' } as any)} as ${who} -> ${expected}`, async ({
        client,
      }) => {
        const target = await UserFactory.create()
        const actor =
          who === 'visitor'
            ? null
            : await UserFactory.merge({ role: who === 'user' ? 'user' : who }).create()

        let request = client[route.method](route.url(target)).redirects(0).withCsrfToken()
        if (route.form) request = request.form(route.form)
        if (actor) request = request.loginAs(actor)
        const response = await request

        if (expected === 'login') {
          response.assertStatus(302)
          response.assertHeader('location', '/login')
        } else {
          response.assertStatus(expected)
        }
        if (expected === 403) {
          response.assertTextIncludes('Access denied')
          response.assertTextIncludes(response.header('x-request-id')!)
        }
      })
    }
  }

  test('the header shows the Admin link to admins and board members only', async ({
    client,
    assert,
  }) => {
    for (const role of ['admin', 'board', 'member', 'user'] as const) {
      const user = await UserFactory.merge({ role }).create()
      const response = await client.get('/dashboard').loginAs(user)
      response.assertStatus(200)
      const hasLink = response.text().includes('href="/admin"')
      assert.equal(hasLink, role === 'admin' || role === 'board', `Admin link for ${role}`)
    }
  })

  test('board members see counts but not the audit trail or failed jobs on the overview', async ({
    client,
    assert,
  }) => {
    const board = await UserFactory.apply('board').create()
    const response = await client.get('/admin').loginAs(board)
    response.assertStatus(200)
    response.assertTextIncludes('Accounts')
    assert.notInclude(response.text(), 'Recent audit events')
    assert.notInclude(response.text(), 'href="/admin/audit"')
  })

  test('an admin cannot change their own role or status', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const role = await client
      .put(`/admin/users/${admin.id}/role`)
      .form({ role: 'member' })
      .withCsrfToken()
      .loginAs(admin)
    role.assertStatus(403)
    const status = await client
      .put(`/admin/users/${admin.id}/status`)
      .form({ status: 'disabled' })
      .withCsrfToken()
      .loginAs(admin)
    status.assertStatus(403)
  })
})
