import { Job } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import UserToken from '#models/user_token'

/**
 * Daily clean-up of mailed tokens that can no longer be used: expired, or already used.
 * Scheduled in start/scheduler.ts.
 */
export default class PurgeExpiredTokens extends Job<Record<string, never>> {
  async execute() {
    await UserToken.query()
      .where('expires_at', '<', DateTime.utc().toSQL()!)
      .orWhereNotNull('used_at')
      .delete()
  }
}
