import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import MembershipApplication from '#models/membership_application'
import MembershipHistory from '#models/membership_history'
import User from '#models/user'
import MembershipType from '#models/membership_type'
import ApplicationService, {
  ApplicationAlreadyDecidedError,
} from '#services/members/application_service'
import MemberNumbers from '#services/members/member_numbers'
import { makeApplication, makeType, roles } from '#tests/functional/members/fixtures'

/*
 * Real concurrency needs real transactions, so this group does not run inside the rolled-back
 * test transaction; it removes what it created.
 */
test.group('Members / approval race', () => {
  test('two board members approving at once: exactly one succeeds, one membership', async ({
    assert,
    cleanup,
  }) => {
    const [first, second, applicant] = await Promise.all([
      roles.board(),
      roles.board(),
      roles.user(),
    ])
    const type = await makeType()
    const application = await makeApplication(applicant, type)
    cleanup(async () => {
      await MembershipApplication.query().where('id', application.id).delete()
      await Membership.query().where('user_id', applicant.id).delete()
      await db.from('audit_logs').whereIn('actor_id', [first.id, second.id]).delete()
      await User.query().whereIn('id', [first.id, second.id, applicant.id]).delete()
      await MembershipType.query().where('id', type.id).delete()
    })

    const outcomes = await Promise.allSettled([
      ApplicationService.approve(await MembershipApplication.findOrFail(application.id), first),
      ApplicationService.approve(await MembershipApplication.findOrFail(application.id), second),
    ])

    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected')
    assert.lengthOf(fulfilled, 1)
    assert.lengthOf(rejected, 1)
    assert.instanceOf((rejected[0] as PromiseRejectedResult).reason, ApplicationAlreadyDecidedError)
    const memberships = await Membership.query().where('user_id', applicant.id)
    assert.lengthOf(memberships, 1)
    assert.lengthOf(await MembershipHistory.query().where('membership_id', memberships[0].id), 1)
  })

  test('member numbers drawn at once are all different', async ({ assert, cleanup }) => {
    const year = 1901
    cleanup(async () => {
      await db.from('membership_number_counters').where('year', year).delete()
    })
    const numbers = await Promise.all(
      Array.from({ length: 8 }, () => db.transaction((trx) => MemberNumbers.next(trx, year)))
    )
    assert.lengthOf(new Set(numbers), 8)
    assert.sameMembers(
      numbers,
      Array.from({ length: 8 }, (_, i) => `1901-000${i + 1}`)
    )
  })
})
