import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import MemberImportService from '#services/members/member_import_service'
import { roles } from '#tests/functional/members/fixtures'

/*
 * Real concurrency needs real transactions, so this group does not run inside the rolled-back
 * test transaction; it removes what it created.
 */
test.group('Members / import confirmed twice at once', () => {
  test('a double-clicked confirmation stages the import once', async ({ assert, cleanup }) => {
    const admin = await roles.admin()
    const token = await MemberImportService.keep(Buffer.from('email,type\n'), admin)
    cleanup(async () => {
      await MemberImportService.discard(token)
      await db.from('audit_logs').where('actor_id', admin.id).delete()
      await User.query().where('id', admin.id).delete()
    })

    const staged = await Promise.all([
      MemberImportService.stage(token, admin),
      MemberImportService.stage(token, admin),
      MemberImportService.stage(token, admin),
    ])
    assert.lengthOf(
      staged.filter((key) => key !== null),
      1
    )
  })
})
