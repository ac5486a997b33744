import { test } from '@japa/runner'
import SignupGuard, { MIN_FILL_MS } from '#services/auth/signup_guard'

test.group('Sign-up spam guard', () => {
  test('a form filled at human speed with an empty honeypot passes', ({ assert }) => {
    const formToken = SignupGuard.formToken(Date.now() - MIN_FILL_MS - 100)
    assert.isFalse(SignupGuard.looksAutomated({ formToken }))
  })

  test('a filled honeypot is automated', ({ assert }) => {
    const formToken = SignupGuard.formToken(Date.now() - MIN_FILL_MS - 100)
    assert.isTrue(SignupGuard.looksAutomated({ formToken, website: 'http://spam.example' }))
  })

  test('a form sent within the minimum fill time is automated', ({ assert }) => {
    assert.isTrue(SignupGuard.looksAutomated({ formToken: SignupGuard.formToken() }))
  })

  test('a missing, forged or foreign timestamp is automated', async ({ assert }) => {
    const { default: encryption } = await import('@adonisjs/core/services/encryption')
    assert.isTrue(SignupGuard.looksAutomated({}))
    assert.isTrue(SignupGuard.looksAutomated({ formToken: 'not-encrypted' }))
    const otherPurpose = encryption.encrypt({ shownAt: 0 }, { purpose: 'something_else' })
    assert.isTrue(SignupGuard.looksAutomated({ formToken: otherPurpose }))
  })
})
