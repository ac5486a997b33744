import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { UserFactory } from '#database/factories/user_factory'
import NewsSubscription from '#models/news_subscription'
import Post from '#models/post'
import privacyRegistry from '#services/privacy/privacy_registry'
import { isolateNews, makeCategory, makePost } from '#tests/functional/news/helpers'

function newsModule() {
  return privacyRegistry.all().find((module) => module.name === 'news')!
}

test.group('News / privacy', (group) => {
  isolateNews(group)

  test("the export holds the person's posts and notification choices", async ({ assert }) => {
    const category = await makeCategory('Walks')
    const author = await UserFactory.merge({ canAuthor: true }).create()
    await makePost({ title: 'My walk report', author, category })
    await NewsSubscription.create({ userId: author.id, categoryId: category.id, mode: 'digest' })
    const { data } = await newsModule().export(author)
    assert.equal((data.posts as any[])[0].title, 'My walk report')
    assert.deepEqual(data.notifications, [{ category: 'Walks', mode: 'digest' }])
  })

  test('account deletion drops drafts and choices; published posts stay under "Former member"', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const author = await UserFactory.merge({ canAuthor: true }).create()
    const published = await makePost({ title: 'Published report', author, category })
    const draft = await makePost({ title: 'Private draft', author, category, status: 'draft' })
    await NewsSubscription.create({ userId: author.id, categoryId: category.id, mode: 'each' })

    const response = await client
      .delete('/account')
      .form({ currentPassword: 'correct horse battery staple', confirmation: 'DELETE' })
      .loginAs(author)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)

    assert.isNull(await Post.find(draft.id))
    assert.isNotNull(await Post.find(published.id))
    assert.lengthOf(await NewsSubscription.query().where('user_id', author.id), 0)
    const row = await db.from('users').where('id', author.id).first()
    assert.isFalse(Boolean(row.can_author))
    const page = await client.get(`/news/${published.slug}`)
    page.assertTextIncludes('By Former member')
  })
})
