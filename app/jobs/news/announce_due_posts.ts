import { Job } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import Post from '#models/post'
import newsCache from '#services/news/news_cache'
import FanOutPostNotifications from '#jobs/news/fan_out_post_notifications'
import { affectedRows } from '#services/database/affected_rows'

/**
 * Runs every minute (start/scheduler.ts) and right after an immediate publication: every post
 * whose publication time has come and that was not announced yet is claimed (one instance
 * wins the update), the visitors' cache is renewed and its emails are fanned out.
 */
export default class AnnounceDuePosts extends Job<Record<string, never>> {
  async execute() {
    const now = DateTime.utc()
    const due = await Post.query()
      .where('status', 'published')
      .where('published_at', '<=', now.toSQL()!)
      .whereNull('announced_at')
      .select('id')
    let announced = 0
    for (const { id } of due) {
      const claimed = await Post.query()
        .where('id', id)
        .whereNull('announced_at')
        .update({ announced_at: now.toSQL() })
      if (affectedRows(claimed) === 0) continue
      announced++
      await FanOutPostNotifications.dispatch({ postId: id, afterUserId: 0 })
    }
    if (announced > 0) await newsCache.invalidate()
  }
}
