import { Job } from '@adonisjs/queue'
import mail from '@adonisjs/mail/services/main'
import type { JobOptions } from '@adonisjs/queue/types'
import Post from '#models/post'
import User from '#models/user'
import NewsSubscription from '#models/news_subscription'
import NewPostMail from '#mails/news/new_post_mail'

/**
 * The email about one new post to one member. Everything is checked again at send time: the
 * member may have unsubscribed, lost access or left since the fan-out queued this job.
 */
export default class SendPostNotification extends Job<{ postId: number; userId: number }> {
  static options: JobOptions = { maxRetries: 8 }

  async execute() {
    const user = await User.find(this.payload.userId)
    if (!user || !user.canSignIn || !user.isVerified) return
    const post = await Post.query()
      .withScopes((scopes) => scopes.visibleTo(user))
      .where('id', this.payload.postId)
      .preload('category')
      .first()
    if (!post || post.categoryId === null) return
    const subscribed = await NewsSubscription.query()
      .where({ user_id: user.id, category_id: post.categoryId, mode: 'each' })
      .first()
    if (!subscribed) return
    await mail.send(new NewPostMail(user, post))
  }
}
