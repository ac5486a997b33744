import { test } from '@japa/runner'
import { errors } from '@vinejs/vine'
import { registerValidator, resetPasswordValidator } from '#validators/auth'
import { isCommonPassword } from '#services/auth/common_passwords'

async function passwordErrors(password: string) {
  try {
    await resetPasswordValidator.validate({ password })
    return []
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) {
      return (error.messages as { rule: string }[]).map((message) => message.rule)
    }
    throw error
  }
}

test.group('Password rules', () => {
  test('at least 12 characters', async ({ assert }) => {
    assert.deepEqual(await passwordErrors('eleven char'), ['minLength'])
    assert.deepEqual(await passwordErrors('twelve chars'), [])
  })

  test('at most 256 characters, and 64+ characters are accepted as typed', async ({ assert }) => {
    assert.deepEqual(await passwordErrors('a'.repeat(256)), [])
    assert.deepEqual(await passwordErrors('a'.repeat(257)), ['maxLength'])
    const long = `  ${'unicode ünïcödé 🙂 passphrase '.repeat(3)}  `
    assert.isAbove(long.length, 64)
    const { password } = await resetPasswordValidator.validate({ password: long })
    assert.equal(password, long)
  })

  test('no composition rules: lowercase words with spaces are fine', async ({ assert }) => {
    assert.deepEqual(await passwordErrors('lantern orbit pebble violin'), [])
  })

  test('common passwords are refused whatever their case', async ({ assert }) => {
    assert.deepEqual(await passwordErrors('qwerty123456'), ['notCommon'])
    assert.deepEqual(await passwordErrors('QWERTY123456'), ['notCommon'])
    assert.deepEqual(await passwordErrors('1q2w3e4r5t6y'), ['notCommon'])
  })

  test('the common list is the one shipped with zxcvbn-ts', ({ assert }) => {
    assert.isTrue(isCommonPassword('password'))
    assert.isTrue(isCommonPassword('PassWord'))
    assert.isFalse(isCommonPassword('lantern orbit pebble violin'))
  })

  test('names and addresses are trimmed, the password is not', async ({ assert }) => {
    const data = await registerValidator.validate({
      fullName: '  Ada Lovelace  ',
      email: '  Ada@Example.ORG ',
      password: ' lantern orbit pebble violin ',
    })
    assert.equal(data.fullName, 'Ada Lovelace')
    assert.equal(data.email, 'ada@example.org')
    assert.equal(data.password, ' lantern orbit pebble violin ')
  })
})
