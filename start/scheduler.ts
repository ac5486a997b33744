/*
 * Recurring jobs. Workers claim each run atomically, so several instances run it once.
 * Skipped while codegen warms the app up, which must not touch the database.
 */
import app from '@adonisjs/core/services/app'
import PurgeExpiredTokens from '#jobs/auth/purge_expired_tokens'

if (app.getMode() === 'run') {
  await PurgeExpiredTokens.schedule({}).id('purge-expired-tokens').cron('17 3 * * *')
}
