import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Membership from '#models/membership'
import MembershipSeat from '#models/membership_seat'
import MembershipType from '#models/membership_type'
import User from '#models/user'
import { makeMembership, makeType, randomIp, roles } from '#tests/functional/members/fixtures'
import { forgetRateLimits } from '#tests/helpers/rate_limits'

/*
 * Real concurrency needs real transactions, so this group does not run inside the rolled-back
 * test transaction; it removes what it created.
 */
test.group('Members / seat invitations at once', (group) => {
  forgetRateLimits(group)

  test('two invitations for the last free seat: exactly one is sent, the other is refused', async ({
    client,
    assert,
    cleanup,
  }) => {
    const holder = await roles.member()
    const type = await makeType({ seats: 1 })
    const membership = await makeMembership(holder, 'active', { type })
    cleanup(async () => {
      await Membership.query().where('id', membership.id).delete()
      await db.from('audit_logs').where('actor_id', holder.id).delete()
      await User.query().where('id', holder.id).delete()
      await MembershipType.query().where('id', type.id).delete()
    })

    const invite = (email: string) =>
      client
        .post('/membership/seats')
        .header('x-forwarded-for', randomIp())
        .form({ email })
        .withCsrfToken()
        .loginAs(holder)
        .redirects(0)
    const responses = await Promise.all([
      invite('first-colleague@seats.test'),
      invite('second-colleague@seats.test'),
    ])

    for (const response of responses) response.assertStatus(302)
    const flashes = responses.map((response) => response.flashMessages())
    assert.lengthOf(
      flashes.filter((flash) => String(flash.success ?? '').startsWith('Invitation sent to')),
      1
    )
    const refused = flashes.filter((flash) => flash.error)
    assert.lengthOf(refused, 1)
    assert.equal(refused[0].error, 'All 1 seats are taken.')
    assert.deepEqual(refused[0].inputErrorsBag, { email: ['All 1 seats are taken.'] })
    assert.lengthOf(await MembershipSeat.query().where('membership_id', membership.id), 1)
  })
})
