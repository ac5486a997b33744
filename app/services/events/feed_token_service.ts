import { randomBytes } from 'node:crypto'
import { hashToken } from '#services/auth/token_hash'
import type User from '#models/user'
import CalendarFeedToken from '#models/calendar_feed_token'

/**
 * The secret in a member's personal feed URL. Only its SHA-256 is stored, so the URL is shown
 * once, when it is made; making a new one replaces the hash and the old URL stops working.
 */
export default class FeedTokenService {
  static async regenerate(user: User, includeMembersEvents: boolean) {
    const token = randomBytes(24).toString('base64url')
    await CalendarFeedToken.updateOrCreate(
      { userId: user.id },
      { tokenHash: hashToken(token), includeMembersEvents }
    )
    return token
  }

  static async find(token: string) {
    if (!/^[A-Za-z0-9_-]{32}$/.test(token)) return null
    return CalendarFeedToken.findBy('tokenHash', hashToken(token))
  }

  static forUser(user: User) {
    return CalendarFeedToken.findBy('userId', user.id)
  }

  static async revoke(user: User) {
    await CalendarFeedToken.query().where('user_id', user.id).delete()
  }
}
