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

  test('each response gets a script nonce of its own, though one shield middleware serves all', async ({
    client,
    assert,
  }) => {
    const nonceOf = (csp: string | undefined) => csp?.match(/'nonce-([^']+)'/)?.[1]
    const home = await client.get('/')
    const login = await client.get('/login')
    const first = nonceOf(home.header('content-security-policy'))
    const second = nonceOf(login.header('content-security-policy'))
    assert.isString(first)
    assert.isString(second)
    assert.notEqual(first, second)
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
