import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import env from '#start/env'
import { appUrl } from '#config/app'

/**
 * /.well-known/security.txt (RFC 9116): where to report a vulnerability. The expiry rolls
 * forward a year on every request, so the file never goes stale while the site is up.
 */
export default class SecurityTxtController {
  async show({ response }: HttpContext) {
    const contact =
      env.get('SECURITY_CONTACT') ||
      `mailto:${env.get('MAIL_FROM_ADDRESS', 'security@guildhall.localhost')}`
    const lines = [
      `Contact: ${/^(mailto:|https?:)/.test(contact) ? contact : `mailto:${contact}`}`,
      `Expires: ${DateTime.utc().plus({ years: 1 }).startOf('second').toISO({ suppressMilliseconds: true })}`,
      'Preferred-Languages: en',
      `Canonical: ${new URL('/.well-known/security.txt', appUrl).href}`,
    ]
    response.header('Cache-Control', 'public, max-age=86400')
    return response.type('text/plain; charset=utf-8').send(`${lines.join('\n')}\n`)
  }
}
