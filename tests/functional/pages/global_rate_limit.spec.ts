import { randomInt } from 'node:crypto'
import { test } from '@japa/runner'
import env from '#start/env'

test.group('Site-wide rate limit', (group) => {
  group.each.setup(() => {
    const limit = env.get('RATE_LIMIT_GLOBAL_PER_MINUTE')
    env.set('RATE_LIMIT_GLOBAL_PER_MINUTE', 3)
    return () => env.set('RATE_LIMIT_GLOBAL_PER_MINUTE', limit)
  })

  test('one address past the limit gets 429, Retry-After and the friendly page', async ({
    client,
    assert,
  }) => {
    const ip = `198.51.100.${randomInt(1, 255)}`
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await client.get('/').header('x-forwarded-for', ip)
      response.assertStatus(200)
    }

    const limited = await client.get('/').header('x-forwarded-for', ip)
    limited.assertStatus(429)
    assert.isAbove(Number(limited.header('retry-after')), 0)
    limited.assertTextIncludes('Slow down')

    const otherAddress = await client
      .get('/')
      .header('x-forwarded-for', `203.0.113.${randomInt(1, 255)}`)
    otherAddress.assertStatus(200)
  })
})
