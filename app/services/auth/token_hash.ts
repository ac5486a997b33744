import { createHash } from 'node:crypto'

/**
 * What is stored of a secret sent in a link (reset, verification, seat invitation, calendar
 * feed): its SHA-256, so a leaked table holds no usable link.
 */
export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
