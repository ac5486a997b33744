import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { randomBytes } from 'node:crypto'
import UserToken from '#models/user_token'
import PurgeExpiredTokens from '#jobs/auth/purge_expired_tokens'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'

test.group('Daily purge of mailed tokens', (group) => {
  isolateDatabase(group)

  async function token(userId: number, expiresAt: DateTime, usedAt: DateTime | null = null) {
    return UserToken.create({
      userId,
      purpose: 'password_reset',
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt,
      usedAt,
    })
  }

  test('deletes expired and used tokens and keeps the ones still usable', async ({ assert }) => {
    const user = await UserFactory.create()
    const expired = await token(user.id, DateTime.utc().minus({ minutes: 5 }))
    const longExpired = await token(user.id, DateTime.utc().minus({ days: 30 }))
    const used = await token(
      user.id,
      DateTime.utc().plus({ hours: 1 }),
      DateTime.utc().minus({ minutes: 1 })
    )
    const valid = await token(user.id, DateTime.utc().plus({ minutes: 5 }))
    const validForADay = await token(user.id, DateTime.utc().plus({ hours: 24 }))

    // Tests run jobs inline, as a worker would run the scheduled one.
    await PurgeExpiredTokens.dispatch({})

    const rows = await UserToken.query().orderBy('id')
    const remaining = rows.map((row) => row.id)
    assert.deepEqual(remaining, [valid.id, validForADay.id])
    assert.notInclude(remaining, expired.id)
    assert.notInclude(remaining, longExpired.id)
    assert.notInclude(remaining, used.id)
  })
})
