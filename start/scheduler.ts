/*
 * Recurring jobs. Workers claim each run atomically, so several instances run it once.
 * Skipped while codegen warms the app up, which must not touch the database.
 */
import app from '@adonisjs/core/services/app'
import PurgeExpiredTokens from '#jobs/auth/purge_expired_tokens'
import AnnounceDuePosts from '#jobs/news/announce_due_posts'
import SendWeeklyDigest from '#jobs/news/send_weekly_digest'
import SendReviewReminders from '#jobs/documents/send_review_reminders'
import QueueEventReminders from '#jobs/events/queue_event_reminders'
import RunMembershipRenewals from '#jobs/members/run_membership_renewals'
import PurgeExpiredDataExports from '#jobs/privacy/purge_expired_data_exports'

if (app.getMode() === 'run') {
  await PurgeExpiredTokens.schedule({}).id('purge-expired-tokens').cron('17 3 * * *')
  await AnnounceDuePosts.schedule({}).id('news-announce-due-posts').cron('* * * * *')
  await SendWeeklyDigest.schedule({}).id('news-weekly-digest').cron('0 8 * * 1')
  await SendReviewReminders.schedule({}).id('documents-review-reminders').cron('30 7 * * *')
  await QueueEventReminders.schedule({}).id('events-reminders').cron('*/5 * * * *')
  await RunMembershipRenewals.schedule({}).id('members-renewals').cron('15 6 * * *')
  await PurgeExpiredDataExports.schedule({}).id('privacy-purge-data-exports').cron('40 * * * *')
}
