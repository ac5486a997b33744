import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import MainSeeder, { DEMO_ACCOUNTS, DEMO_PASSWORD } from '#database/seeders/main_seeder'
import { isolateDatabase } from '#tests/helpers/database'

test.group('Demo data', (group) => {
  isolateDatabase(group)

  test('seeding twice creates each demo account once, verified and able to sign in', async ({
    assert,
  }) => {
    await new MainSeeder(db.connection()).run()
    await new MainSeeder(db.connection()).run()

    const users = await User.query().whereIn(
      'email',
      DEMO_ACCOUNTS.map((account) => account.email)
    )
    assert.lengthOf(users, DEMO_ACCOUNTS.length)
    assert.isTrue(users.every((user) => user.isVerified && user.canSignIn))
    assert.sameMembers(
      [...new Set(users.map((user) => user.role))],
      ['admin', 'board', 'member', 'user']
    )

    const admin = await User.verifyCredentials('admin@example.org', DEMO_PASSWORD)
    assert.isTrue(admin.isAdmin)
  })

  test('production skips the demo data unless asked explicitly', ({ assert }) => {
    assert.notInclude(MainSeeder.environment, 'production')
    assert.include(MainSeeder.environment, 'development')
  })
})
