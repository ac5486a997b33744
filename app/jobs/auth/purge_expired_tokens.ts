import { Job } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import UserToken from '#models/user_token'

/**
 * Daily clean-up of mailed tokens that can no longer be used.
 */
export default class PurgeExpiredTokens extends Job<Record<string, never>> {
  async execute() {
    await UserToken.query().where('expires_at', '<', DateTime.utc().toSQL()!).delete()
  }
}
