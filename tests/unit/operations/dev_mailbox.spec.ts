import { test } from '@japa/runner'
import { isolateDatabase } from '#tests/helpers/database'
import { DevMailboxTransport } from '#services/mail/dev_mailbox_transport'
import DevMailbox from '#services/operations/dev_mailbox'

test.group('Dev mailbox', (group) => {
  isolateDatabase(group)

  test('the development transport keeps each message for the mailbox', async ({ assert }) => {
    const response = await new DevMailboxTransport().send({
      from: 'secretary@guild.example',
      to: ['ada@members.example', { name: 'Charles', address: 'charles@members.example' }],
      subject: 'Welcome',
      html: '<p>Hello <script>alert(1)</script></p>',
      text: 'Hello',
    })
    assert.match(response.messageId, /^<dev-/)

    const list = await DevMailbox.list()
    assert.equal(list.total, 1)
    const [listed] = list.all()
    assert.equal(listed.to, 'ada@members.example, charles@members.example')
    assert.equal(listed.subject, 'Welcome')
    assert.isTrue(listed.createdAt.isValid)

    const mail = await DevMailbox.findOrFail(listed.id)
    assert.equal(mail.text, 'Hello')
    assert.include(mail.html!, '<script>')
  })

  test('an unknown mail id raises not found', async ({ assert }) => {
    await assert.rejects(() => DevMailbox.findOrFail(424242), /E_ROW_NOT_FOUND|Row not found/)
  })
})
