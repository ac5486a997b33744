import { test } from '@japa/runner'

test.group('Home page', () => {
  test('a visitor sees the association and the way in', async ({ client }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    response.assertTextIncludes('Welcome to Guildhall Test Society')
    response.assertTextIncludes('href="/login"')
    response.assertTextIncludes('href="/register"')
  })

  test('every page carries the security headers', async ({ client, assert }) => {
    const response = await client.get('/')
    const csp = response.header('content-security-policy')
    assert.include(csp, "object-src 'none'")
    assert.include(csp, "base-uri 'none'")
    assert.include(csp, "frame-ancestors 'none'")
    assert.notInclude(csp, 'unsafe-inline')
    assert.equal(response.header('x-frame-options'), 'DENY')
    assert.equal(response.header('x-content-type-options'), 'nosniff')
    assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin')
    assert.include(response.header('permissions-policy'), 'camera=()')
    assert.match(response.header('x-request-id') ?? '', /^[\w-]{10,}$/)
  })

  test('files of public/ are served with the security headers; other paths reach the router', async ({
    client,
    assert,
  }) => {
    const stylesheet = await client.get('/css/app.css')
    stylesheet.assertStatus(200)
    assert.match(stylesheet.header('content-type') ?? '', /^text\/css/)
    assert.equal(stylesheet.header('referrer-policy'), 'strict-origin-when-cross-origin')

    const icon = await client.get('/favicon.svg')
    icon.assertStatus(200)

    const missingAsset = await client.get('/css/no-such-file.css')
    missingAsset.assertStatus(404)
    const notPublic = await client.get('/app.css')
    notPublic.assertStatus(404)
  })

  test('the dashboard sends visitors to the login page', async ({ client }) => {
    const response = await client.get('/dashboard').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})
