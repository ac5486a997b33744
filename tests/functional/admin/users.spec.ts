import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import AuditLog from '#models/audit_log'
import SessionRegistry from '#services/auth/session_registry'
import LoginLockoutService from '#services/auth/login_lockout_service'
import env from '#start/env'
import { forgetRateLimits } from '#tests/helpers/rate_limits'

const PASSWORD = 'correct horse battery staple'

/**
 * A browser of its own: keeps its cookies across requests and signs in through the real login
 * form, so its session is tagged with the user (the test client's sessions live one request).
 */
class Browser {
  #cookies = new Map<string, string>()
  #base = `http://${env.get('HOST')}:${env.get('PORT')}`

  async request(path: string, init: RequestInit = {}) {
    const response = await fetch(this.#base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...init.headers,
        cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const index = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, index), pair.slice(index + 1))
    }
    return response
  }

  async signIn(email: string, password = PASSWORD) {
    const page = await this.request('/login')
    const form = await page.text()
    const csrf = form.match(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/)![1]
    return this.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
    })
  }
}

/**
 * Signs in through the login form with the test client and returns the response.
 */
async function signInWithForm(client: ApiClient, email: string, password = PASSWORD) {
  const response = await client
    .post('/login')
    .form({ email, password })
    .withCsrfToken()
    .redirects(0)
  return { response }
}

test.group('Admin area / users list', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('admins page through accounts with an accessible pagination', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    await UserFactory.createMany(30)

    const first = await client.get('/admin/users').loginAs(admin)
    first.assertStatus(200)
    assert.equal((first.text().match(/<tr>\s*<th scope="row">/g) ?? []).length, 25)
    first.assertTextIncludes('aria-label="Accounts pages"')
    first.assertTextIncludes('aria-current="page"')
    first.assertTextIncludes('href="/admin/users?page=2"')

    const second = await client.get('/admin/users').qs({ page: 2 }).loginAs(admin)
    second.assertStatus(200)
    assert.equal((second.text().match(/<tr>\s*<th scope="row">/g) ?? []).length, 6)
    second.assertTextIncludes('rel="prev"')
  })

  test('search matches names and emails; filters keep to a role and a status', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    await UserFactory.merge({ fullName: 'Ada Lovelace', email: 'ada@analytical.example' }).create()
    await UserFactory.merge({
      fullName: 'Charles Babbage',
      email: 'charles@engine.example',
      role: 'board',
    }).create()
    await UserFactory.merge({
      fullName: 'Mary Somerville',
      email: 'mary@physics.example',
      status: 'suspended',
    }).create()

    const byName = await client.get('/admin/users').qs({ q: 'lovelace' }).loginAs(admin)
    byName.assertTextIncludes('ada@analytical.example')
    assert.notInclude(byName.text(), 'charles@engine.example')

    const byEmail = await client.get('/admin/users').qs({ q: 'ENGINE.example' }).loginAs(admin)
    byEmail.assertTextIncludes('Charles Babbage')
    assert.notInclude(byEmail.text(), 'Ada Lovelace')

    const byRole = await client.get('/admin/users').qs({ role: 'board' }).loginAs(admin)
    byRole.assertTextIncludes('charles@engine.example')
    assert.notInclude(byRole.text(), 'ada@analytical.example')

    const byStatus = await client.get('/admin/users').qs({ status: 'suspended' }).loginAs(admin)
    byStatus.assertTextIncludes('mary@physics.example')
    assert.notInclude(byStatus.text(), 'ada@analytical.example')

    const paged = await client
      .get('/admin/users')
      .qs({ status: 'suspended', q: 'mary' })
      .loginAs(admin)
    paged.assertTextIncludes('mary@physics.example')
  })

  test('an unknown role or status in the filters answers 422 with a message', async ({
    client,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const response = await client.get('/admin/users').qs({ role: 'wizard' }).loginAs(admin)
    response.assertStatus(422)
    response.assertTextIncludes('id="filter-role-error"')
    response.assertTextIncludes('The selected role is invalid')
  })

  test('the account page shows the account; an unknown id answers the 404 page', async ({
    client,
  }) => {
    const board = await UserFactory.apply('board').create()
    const target = await UserFactory.merge({ fullName: 'Grace Hopper' }).create()

    const page = await client.get(`/admin/users/${target.id}`).loginAs(board)
    page.assertStatus(200)
    page.assertTextIncludes('Grace Hopper')
    page.assertTextIncludes(target.email)

    const missing = await client.get('/admin/users/999999').loginAs(board)
    missing.assertStatus(404)
    missing.assertTextIncludes('Page not found')
  })

  test('the dashboard counts accounts by role and status, and shows recent audit events', async ({
    client,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    await UserFactory.apply('board').createMany(2)
    await UserFactory.merge({ status: 'disabled' }).create()
    await AuditLog.create({
      action: 'role.changed',
      actorId: admin.id,
      subjectEmail: 'someone@example.org',
    })

    const response = await client.get('/admin').loginAs(admin)
    response.assertStatus(200)
    response.assertTextIncludes('<td data-count="role-board">2</td>')
    response.assertTextIncludes('<td data-count="role-admin">1</td>')
    response.assertTextIncludes('<td data-count="status-disabled">1</td>')
    response.assertTextIncludes('Recent audit events')
    response.assertTextIncludes('someone@example.org')
    response.assertTextIncludes('<span data-count="failed-jobs">0</span>')
  })
})

test.group('Admin area / changing accounts', (group) => {
  isolateDatabase(group)
  forgetRateLimits(group)

  test('an admin changes a role; the change is audited with the old and new role', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()

    const response = await client
      .put(`/admin/users/${target.id}/role`)
      .form({ role: 'board' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/admin/users/${target.id}`)
    response.assertFlashMessage('success', `${target.name} is now board.`)

    await target.refresh()
    assert.equal(target.role, 'board')
    const entry = await AuditLog.query()
      .where('action', 'role.changed')
      .where('subject_id', target.id)
      .firstOrFail()
    assert.equal(entry.actorId, admin.id)
    assert.deepEqual(JSON.parse(entry.meta!), { from: 'member', to: 'board', source: 'admin' })
    assert.isNotNull(entry.ip)
  })

  test('an unknown role answers 422 with the message next to the field, and changes nothing', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()

    const response = await client
      .put(`/admin/users/${target.id}/role`)
      .form({ role: 'overlord' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertTextIncludes('id="role-error"')
    response.assertTextIncludes('The selected role is invalid')
    await target.refresh()
    assert.equal(target.role, 'member')
    assert.isNull(await AuditLog.findBy('action', 'role.changed'))
  })

  test('changing an unknown account answers 404', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const response = await client
      .put('/admin/users/999999/role')
      .form({ role: 'board' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(404)
  })

  test('suspending an account ends its sessions: its next request is signed out', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()

    const browser = new Browser()
    const login = await browser.signIn(target.email)
    assert.equal(login.headers.get('location'), '/dashboard')
    const before = await browser.request('/dashboard')
    assert.equal(before.status, 200)

    const suspend = await client
      .put(`/admin/users/${target.id}/status`)
      .form({ status: 'suspended', reason: 'Unpaid dues' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    suspend.assertStatus(302)
    suspend.assertFlashMessage('success', `The account of ${target.name} is suspended.`)

    await target.refresh()
    assert.equal(target.status, 'suspended')
    const collection = await SessionRegistry.collection()
    const sessions = await collection.tagged(String(target.id))
    assert.lengthOf(sessions, 0)

    const entry = await AuditLog.query()
      .where('action', 'status.changed')
      .where('subject_id', target.id)
      .firstOrFail()
    assert.equal(entry.actorId, admin.id)
    assert.deepEqual(JSON.parse(entry.meta!), {
      from: 'active',
      to: 'suspended',
      source: 'admin',
      reason: 'Unpaid dues',
    })

    // Reactivated, the account still has to sign in again: the old session is gone for good.
    const reactivate = await client
      .put(`/admin/users/${target.id}/status`)
      .form({ status: 'active' })
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    reactivate.assertStatus(302)
    const after = await browser.request('/dashboard')
    assert.equal(after.status, 302)
    assert.equal(after.headers.get('location'), '/login')
  })

  test('a disabled account cannot sign in until reactivated', async ({ client }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()
    await client
      .put(`/admin/users/${target.id}/status`)
      .form({ status: 'disabled' })
      .withCsrfToken()
      .loginAs(admin)

    const refused = await signInWithForm(client, target.email)
    refused.response.assertHeader('location', '/login')

    await client
      .put(`/admin/users/${target.id}/status`)
      .form({ status: 'active' })
      .withCsrfToken()
      .loginAs(admin)
    const accepted = await signInWithForm(client, target.email)
    accepted.response.assertHeader('location', '/dashboard')
  })

  test('an unknown status answers 422', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()
    const response = await client
      .put(`/admin/users/${target.id}/status`)
      .form({ status: 'banished' })
      .withCsrfToken()
      .loginAs(admin)
    response.assertStatus(422)
    response.assertTextIncludes('id="status-error"')
    await target.refresh()
    assert.equal(target.status, 'active')
  })

  test('an admin unlocks an account locked by failed sign-ins', async ({ client, assert }) => {
    const admin = await UserFactory.apply('admin').create()
    const target = await UserFactory.create()

    for (let attempt = 0; attempt < 5; attempt++) {
      await signInWithForm(client, target.email, 'not the password at all')
    }
    const locked = await signInWithForm(client, target.email)
    locked.response.assertHeader('location', '/login')
    assert.isAbove(await LoginLockoutService.lockedFor(target.email), 0)

    const page = await client.get(`/admin/users/${target.id}`).loginAs(admin)
    page.assertTextIncludes('Unlock sign-in')

    const unlock = await client
      .delete(`/admin/users/${target.id}/lockout`)
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    unlock.assertStatus(302)
    unlock.assertFlashMessage('success', `${target.name} can sign in again.`)
    assert.equal(await LoginLockoutService.lockedFor(target.email), 0)
    const entry = await AuditLog.query()
      .where('action', 'account.unlocked')
      .where('subject_id', target.id)
      .firstOrFail()
    assert.equal(entry.actorId, admin.id)

    const signedIn = await signInWithForm(client, target.email)
    signedIn.response.assertHeader('location', '/dashboard')
    await target.refresh()
    assert.equal(target.status, 'active')
  })
})
