import { test } from '@japa/runner'
import LoginLockoutService, { AccountLockedError } from '#services/auth/login_lockout_service'
import LoginService from '#services/auth/login_service'

test.group('Lockout rules', () => {
  test('each lockout within a day doubles the next one, up to a day', ({ assert }) => {
    assert.deepEqual(
      [1, 2, 3, 4].map((count) => LoginLockoutService.lockMinutes(count)),
      [15, 30, 60, 120]
    )
    assert.equal(LoginLockoutService.lockMinutes(20), 24 * 60)
  })

  test('failures count per account, whatever the case or spacing of the address', ({ assert }) => {
    assert.equal(
      LoginLockoutService.accountKey(' Ada@Example.org '),
      LoginLockoutService.accountKey('ada@example.org')
    )
    assert.notEqual(
      LoginLockoutService.accountKey('ada@example.org'),
      LoginLockoutService.ipKey('ada@example.org')
    )
    assert.notEqual(
      LoginLockoutService.accountKey('ada@example.org'),
      LoginLockoutService.lockoutsKey('ada@example.org')
    )
  })

  test('the lock message says when to try again, rounded up to whole minutes', ({ assert }) => {
    assert.include(
      LoginService.refusalMessage(new AccountLockedError(14 * 60 + 1)),
      'Try again in 15 minutes'
    )
    assert.include(
      LoginService.refusalMessage(new AccountLockedError(30)),
      'Try again in 1 minute,'
    )
  })
})
