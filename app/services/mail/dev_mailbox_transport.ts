import db from '@adonisjs/lucid/services/db'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

function addressList(value: NodeMailerMessage['to']): string {
  const list = Array.isArray(value) ? value : value ? [value] : []
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address)).join(', ')
}

/**
 * Development transport: instead of sending, keeps each message in the `dev_mails` table,
 * readable at /dev/mailbox. Never selected outside development (config/mail.ts).
 */
export class DevMailboxTransport implements MailTransportContract {
  async send(message: NodeMailerMessage) {
    const to = addressList(message.to)
    await db.table('dev_mails').insert({
      to,
      subject: String(message.subject ?? ''),
      html: message.html ? String(message.html) : null,
      text: message.text ? String(message.text) : null,
      created_at: new Date(),
    })
    const messageId = `<dev-${Date.now()}@guildhall.localhost>`
    return new MailResponse(messageId, { from: '', to: to.split(', ') }, {})
  }
}

export function devMailboxTransport() {
  return () => new DevMailboxTransport()
}
