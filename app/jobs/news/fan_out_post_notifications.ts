import { Job } from '@adonisjs/queue'
import Post from '#models/post'
import NotificationService from '#services/news/notification_service'
import SendPostNotification from '#jobs/news/send_post_notification'

export interface FanOutPostNotificationsPayload {
  postId: number
  afterUserId: number
}

/**
 * One step of announcing a post: takes the next page of subscribers, queues one mail job per
 * subscriber who may read the post in a single batch, then queues itself for the following
 * page. Each step is short, so tens of thousands of members never hold a worker or a request.
 */
export default class FanOutPostNotifications extends Job<FanOutPostNotificationsPayload> {
  async execute() {
    const post = await Post.find(this.payload.postId)
    if (!post || !post.isLive || post.categoryId === null) return
    const { recipients, next } = await NotificationService.recipientsPage(
      post.categoryId,
      post.visibility,
      this.payload.afterUserId
    )
    if (recipients.length > 0) {
      await SendPostNotification.dispatchMany(
        recipients.map((userId) => ({ postId: post.id, userId }))
      )
    }
    if (next !== null) {
      await FanOutPostNotifications.dispatch({ postId: post.id, afterUserId: next })
    }
  }
}
