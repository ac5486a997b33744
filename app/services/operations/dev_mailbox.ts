import { DateTime } from 'luxon'
import { errors } from '@adonisjs/lucid'
import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'

export interface DevMail {
  id: number
  to: string
  subject: string
  html: string | null
  text: string | null
  createdAt: DateTime
}

/** The transport inserts a JS Date; drivers hand it back as a Date, a number or text. */
function toDateTime(value: unknown): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value)
  if (typeof value === 'number') return DateTime.fromMillis(value)
  const text = String(value)
  const parsed = DateTime.fromSQL(text, { zone: 'utc' })
  return parsed.isValid ? parsed : DateTime.fromISO(text, { zone: 'utc' })
}

function toMail({ created_at: createdAt, ...row }: Record<string, any>): DevMail {
  return { ...(row as Omit<DevMail, 'createdAt'>), createdAt: toDateTime(createdAt) }
}

/**
 * Reads the `dev_mails` table that the development mail transport fills
 * (app/services/mail/dev_mailbox_transport.ts).
 */
export default class DevMailbox {
  static async list(page = 1, perPage = 25) {
    const rows = await db
      .from('dev_mails')
      .select('id', 'to', 'subject', 'created_at')
      .orderBy('id', 'desc')
      .paginate(page, perPage)
    return new SimplePaginator(rows.total, perPage, page, ...rows.all().map(toMail))
  }

  static async findOrFail(id: number | string): Promise<DevMail> {
    const mail = await db.from('dev_mails').where('id', Number(id)).first()
    if (!mail) {
      throw new errors.E_ROW_NOT_FOUND()
    }
    return toMail(mail)
  }
}
