import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { smtpSink } from '#tests/helpers/mail'
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '#models/membership'
import MembershipStatusService from '#services/members/membership_status_service'
import { ALLOWED_TRANSITIONS, TransitionRefusedError } from '#services/members/transitions'
import { historyOf, makeMembership, roleOf, roles } from '#tests/functional/members/fixtures'

const allowed = MEMBERSHIP_STATUSES.flatMap((from) =>
  ALLOWED_TRANSITIONS[from].map((to) => [from, to] as [MembershipStatus, MembershipStatus])
)
const refused = MEMBERSHIP_STATUSES.flatMap((from) =>
  MEMBERSHIP_STATUSES.filter((to) => !ALLOWED_TRANSITIONS[from].includes(to)).map(
    (to) => [from, to] as [MembershipStatus, MembershipStatus]
  )
)

test.group('Members / status service', (group) => {
  isolateDatabase(group)

  test('{0} → {1}: changed, logged with who/why/old/new, role in step, member mailed')
    .with(allowed)
    .run(async ({ assert }, [from, to]) => {
      const board = await roles.board()
      const user = await roles.user()
      const membership = await makeMembership(user, from)

      await MembershipStatusService.change(membership, to, {
        actor: board,
        reason: 'Board decision',
      })

      await membership.refresh()
      assert.equal(membership.status, to)
      const [line] = await historyOf(membership)
      assert.equal(line.fromStatus, from)
      assert.equal(line.toStatus, to)
      assert.equal(line.actorId, board.id)
      assert.equal(line.reason, 'Board decision')
      assert.isNotNull(line.createdAt)

      await user.refresh()
      assert.equal(user.role, ['active', 'grace'].includes(to) ? 'member' : 'user')
      const mail = await smtpSink.waitFor(user.email)
      assert.include(mail.text ?? '', 'Board decision')
    })

  test('{0} → {1} is refused and changes nothing')
    .with(refused)
    .run(async ({ assert }, [from, to]) => {
      const user = await roles.user()
      const membership = await makeMembership(user, from)
      const roleBefore = await roleOf(user.id)

      await assert.rejects(
        () => MembershipStatusService.change(membership, to, { reason: 'Try' }),
        TransitionRefusedError
      )
      await membership.refresh()
      assert.equal(membership.status, from)
      assert.lengthOf(await historyOf(membership), 0)
      assert.equal(await roleOf(user.id), roleBefore)
    })

  test('a board member keeps the board role when their membership lapses', async ({ assert }) => {
    const board = await roles.board()
    const membership = await makeMembership(board, 'grace')
    await MembershipStatusService.change(membership, 'inactive', { reason: 'Lapsed' })
    await board.refresh()
    assert.equal(board.role, 'board')
  })

  test('activation gives a membership without a number its next number', async ({ assert }) => {
    const user = await roles.user()
    const membership = await makeMembership(user, 'pending', { number: null })
    await MembershipStatusService.change(membership, 'active', { reason: 'Approved' })
    await membership.refresh()
    assert.match(membership.memberNumber ?? '', /^\d{4}-\d{4}$/)
  })
})
