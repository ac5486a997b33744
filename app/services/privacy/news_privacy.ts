import NewsSubscription from '#models/news_subscription'
import Post from '#models/post'
import privacyRegistry from '#services/privacy/privacy_registry'
import PostService from '#services/news/post_service'

/*
 * News: the posts a person wrote (text included in the export) and their email choices.
 * Published posts were written for others and stay, shown as by a "Former member" (the
 * anonymised account); unpublished drafts are the person's own and are deleted, and so is
 * the author permission.
 */
privacyRegistry.register({
  name: 'news',
  async export(user) {
    const posts = await Post.query().where('author_id', user.id).preload('category').orderBy('id')
    const subscriptions = await NewsSubscription.query()
      .where('user_id', user.id)
      .preload('category')
    return {
      data: {
        canAuthor: user.canAuthor,
        posts: posts.map((post) => ({
          title: post.title,
          slug: post.slug,
          status: post.status,
          visibility: post.visibility,
          category: post.category?.name ?? null,
          summary: post.summary,
          text: post.bodySource,
          publishedAt: post.publishedAt?.toISO() ?? null,
          createdAt: post.createdAt.toISO(),
          updatedAt: post.updatedAt?.toISO() ?? null,
        })),
        notifications: subscriptions.map((subscription) => ({
          category: subscription.category?.name ?? null,
          mode: subscription.mode,
        })),
      },
    }
  },
  async erase(user, trx) {
    await NewsSubscription.query({ client: trx }).where('user_id', user.id).delete()
    const drafts = await Post.query({ client: trx })
      .where('author_id', user.id)
      .whereNull('published_at')
    const imageKeys = drafts.flatMap((draft) => PostService.imageKeys(draft))
    for (const draft of drafts) {
      await draft.delete()
    }
    await trx.from('users').where('id', user.id).update({ can_author: false })
    return { files: imageKeys }
  },
})
