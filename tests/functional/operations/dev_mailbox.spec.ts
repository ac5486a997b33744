import { test } from '@japa/runner'
import edge from 'edge.js'
import { isolateDatabase } from '#tests/helpers/database'
import { DevMailboxTransport } from '#services/mail/dev_mailbox_transport'
import DevMailbox from '#services/operations/dev_mailbox'

test.group('Operations / dev mailbox pages', (group) => {
  isolateDatabase(group)

  test('a mail is shown in an empty sandbox, its markup escaped into srcdoc', async ({
    assert,
  }) => {
    await new DevMailboxTransport().send({
      to: ['ada@members.example'],
      subject: 'Hi',
      html: '<p onclick="x()">Hi</p>',
    })
    const list = await DevMailbox.list()
    const [mail] = list.all()
    const html = await edge
      .createRenderer()
      .share({ currentPath: '/dev/mailbox/1' })
      .render('pages/dev/mailbox/show', { mail: await DevMailbox.findOrFail(mail.id) })
    assert.include(html, 'sandbox srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi&lt;/p&gt;"')
    assert.notInclude(html, '<p onclick')
  })

  test('the list links each mail by subject', async ({ assert }) => {
    await new DevMailboxTransport().send({
      to: ['ada@members.example'],
      subject: 'Your card',
      text: 'Card',
    })
    const mails = await DevMailbox.list()
    mails.baseUrl('/dev/mailbox')
    const html = await edge
      .createRenderer()
      .share({ currentPath: '/dev/mailbox' })
      .render('pages/dev/mailbox/index', { mails })
    assert.match(html, /<a href="\/dev\/mailbox\/\d+">Your card<\/a>/)
    assert.include(html, 'ada@members.example')
  })
})
