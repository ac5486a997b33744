import { test } from '@japa/runner'
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '#models/membership'
import { canTransition } from '#services/members/transitions'

/** The rule written out pair by pair, so a change to the table must change this list too. */
const ALLOWED: [MembershipStatus, MembershipStatus][] = [
  ['pending', 'active'],
  ['pending', 'inactive'],
  ['active', 'grace'],
  ['active', 'suspended'],
  ['active', 'inactive'],
  ['grace', 'active'],
  ['grace', 'inactive'],
  ['grace', 'suspended'],
  ['suspended', 'active'],
  ['suspended', 'inactive'],
  ['inactive', 'active'],
]

const allPairs = MEMBERSHIP_STATUSES.flatMap((from) =>
  MEMBERSHIP_STATUSES.map((to) => [from, to] as [MembershipStatus, MembershipStatus])
)
const isAllowed = ([from, to]: [MembershipStatus, MembershipStatus]) =>
  ALLOWED.some(([a, b]) => a === from && b === to)

test.group('Membership transitions', () => {
  test('{0} → {1} is allowed')
    .with(ALLOWED)
    .run(({ assert }, [from, to]) => {
      assert.isTrue(canTransition(from, to))
    })

  test('{0} → {1} is refused')
    .with(allPairs.filter((pair) => !isAllowed(pair)))
    .run(({ assert }, [from, to]) => {
      assert.isFalse(canTransition(from, to))
    })

  test('nothing ever goes back to pending, and no status "changes" to itself', ({ assert }) => {
    for (const from of MEMBERSHIP_STATUSES) {
      assert.isFalse(canTransition(from, 'pending'))
      assert.isFalse(canTransition(from, from))
    }
  })
})
