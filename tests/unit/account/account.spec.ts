import { test } from '@japa/runner'
import { describeDevice } from '#services/account/device'
import privacyRegistry from '#services/privacy/privacy_registry'

test.group('Account / device names', () => {
  test('names a device from its user agent', ({ assert }) => {
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'
      ),
      'Firefox 128 on Ubuntu'
    )
    assert.equal(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
      ),
      'Chrome 126 on Windows 10'
    )
    assert.equal(describeDevice(''), 'Unknown device')
    assert.equal(describeDevice('curl/8.5.0'), 'Unknown device')
  })
})

test.group('Privacy / registry', () => {
  test('the foundation registers its account, audit and session data at boot', ({ assert }) => {
    assert.includeMembers(
      privacyRegistry.all().map((module) => module.name),
      ['account', 'audit', 'sessions']
    )
  })

  test('a module cannot be registered twice', ({ assert }) => {
    assert.throws(
      () =>
        privacyRegistry.register({
          name: 'account',
          export: async () => ({ data: {} }),
          erase: async () => {},
        }),
      'Privacy module "account" is registered twice'
    )
  })
})
