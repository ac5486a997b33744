import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import { QueueManager } from '@adonisjs/queue'
import { UserFactory } from '#database/factories/user_factory'
import AuditLog from '#models/audit_log'
import NewsSubscription from '#models/news_subscription'
import Post from '#models/post'
import SendPostNotification from '#jobs/news/send_post_notification'
import PostService from '#services/news/post_service'
import { pngImage } from '#tests/fixtures/images'
import { smtpSink } from '#tests/helpers/mail'
import {
  attachImage,
  deleteImages,
  expectStatus,
  isolateNews,
  makeCategory,
  makePost,
  postForm,
  runFanOutStep,
  sendPostForm,
  textOf,
} from '#tests/functional/news/helpers'

test.group('News / writing and review workflow', (group) => {
  isolateNews(group)

  test('a member without the author permission cannot write', async ({ client }) => {
    const category = await makeCategory()
    const member = await UserFactory.create()
    await expectStatus(client.get('/news/manage/new').loginAs(member), 403)
    const response = await sendPostForm(client.post('/news/manage'), member, postForm(category))
    response.assertStatus(403)
  })

  test('a visitor is sent to the login page', async ({ client }) => {
    const response = await client.get('/news/manage/new').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('an author writes a draft, submits it, and can no longer edit or publish it', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const author = await UserFactory.merge({ canAuthor: true }).create()
    const created = await sendPostForm(
      client.post('/news/manage'),
      author,
      postForm(category, { body: 'Thank you **all**.', tags: 'Fair, Volunteering' })
    )
    created.assertStatus(302)
    const post = await Post.query().where('author_id', author.id).preload('tags').firstOrFail()
    assert.equal(post.status, 'draft')
    assert.equal(post.bodyHtml, '<p>Thank you <strong>all</strong>.</p>\n')
    assert.sameMembers(
      post.tags.map((tag) => tag.name),
      ['Fair', 'Volunteering']
    )

    // Not visible to readers while a draft.
    await expectStatus(client.get(`/news/${post.slug}`), 404)

    const submitted = await client
      .post(`/news/manage/${post.id}/submit`)
      .loginAs(author)
      .withCsrfToken()
      .redirects(0)
    submitted.assertStatus(302)
    await post.refresh()
    assert.equal(post.status, 'submitted')

    await expectStatus(client.get(`/news/manage/${post.id}/edit`).loginAs(author), 403)
    await expectStatus(
      client.post(`/news/manage/${post.id}/publish`).loginAs(author).withCsrfToken(),
      403
    )
    await post.refresh()
    assert.equal(post.status, 'submitted')
  })

  test("an author cannot edit someone else's draft", async ({ client }) => {
    const category = await makeCategory()
    const owner = await UserFactory.merge({ canAuthor: true }).create()
    const other = await UserFactory.merge({ canAuthor: true }).create()
    const post = await makePost({ status: 'draft', author: owner, category })
    await expectStatus(client.get(`/news/manage/${post.id}/edit`).loginAs(other), 403)
    await expectStatus(
      sendPostForm(client.put(`/news/manage/${post.id}`), other, postForm(category)),
      403
    )
  })

  test('an editor returns a submission with a comment the author then sees', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const author = await UserFactory.merge({ canAuthor: true }).create()
    const editor = await UserFactory.apply('board').create()
    const post = await makePost({ status: 'submitted', author, category })

    const refused = await client
      .post(`/news/manage/${post.id}/return`)
      .form({ comment: '' })
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    refused.assertFlashMessage('inputErrorsBag', { comment: ['Please fill in this field.'] })

    await client
      .post(`/news/manage/${post.id}/return`)
      .form({ comment: 'Please add the date of the fair.' })
      .loginAs(editor)
      .withCsrfToken()
    await post.refresh()
    assert.equal(post.status, 'draft')
    const page = await client.get(`/news/manage/${post.id}/edit`).loginAs(author)
    page.assertStatus(200)
    page.assertTextIncludes('Please add the date of the fair.')
    assert.isNotNull(await AuditLog.findBy('action', 'post.returned'))
  })

  test('a member cannot approve or return, an editor publishes and it is audited', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const author = await UserFactory.merge({ canAuthor: true }).create()
    const editor = await UserFactory.apply('board').create()
    const post = await makePost({ status: 'submitted', author, category, title: 'Fair results' })
    await expectStatus(
      client
        .post(`/news/manage/${post.id}/return`)
        .form({ comment: 'No way' })
        .loginAs(author)
        .withCsrfToken(),
      403
    )

    const response = await client
      .post(`/news/manage/${post.id}/publish`)
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'The post is published.')
    await post.refresh()
    assert.equal(post.status, 'published')
    assert.isTrue(post.isLive)
    await expectStatus(client.get(`/news/${post.slug}`), 200)
    const entry = await AuditLog.findByOrFail('action', 'post.published')
    assert.equal(entry.actorId, editor.id)
  })

  test('an editor archives a post and it leaves the public pages', async ({ client, assert }) => {
    const editor = await UserFactory.apply('board').create()
    const post = await makePost({ title: 'Old notice' })
    await expectStatus(client.get(`/news/${post.slug}`), 200)
    await client.post(`/news/manage/${post.id}/archive`).loginAs(editor).withCsrfToken()
    await post.refresh()
    assert.equal(post.status, 'archived')
    await expectStatus(client.get(`/news/${post.slug}`), 404)
  })

  test('pinned posts come first in the list', async ({ client, assert }) => {
    const editor = await UserFactory.apply('board').create()
    await makePost({ title: 'Newest ordinary post' })
    const older = await makePost({
      title: 'Older important post',
      publishedAt: DateTime.utc().minus({ days: 3 }),
    })
    await client
      .post(`/news/manage/${older.id}/pin`)
      .form({ pinned: 'true' })
      .loginAs(editor)
      .withCsrfToken()
    const text = await textOf(client.get('/news'))
    assert.isBelow(text.indexOf('Older important post'), text.indexOf('Newest ordinary post'))
  })

  test('invalid input is refused with messages next to the fields', async ({ client }) => {
    const editor = await UserFactory.apply('board').create()
    const response = await sendPostForm(client.post('/news/manage'), editor, {
      title: '',
      body: '',
      categoryId: '999999',
      visibility: 'secret',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      title: ['Please fill in this field.'],
      body: ['Please fill in this field.'],
      categoryId: ['Choose a category from the list.'],
      visibility: ['Choose who can read the post.'],
    })
  })

  test('admins grant and revoke the author permission; board members cannot', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const board = await UserFactory.apply('board').create()
    const member = await UserFactory.create()
    await expectStatus(
      client
        .post('/news/manage/authors')
        .form({ email: member.email })
        .loginAs(board)
        .withCsrfToken(),
      403
    )
    await client
      .post('/news/manage/authors')
      .form({ email: member.email })
      .loginAs(admin)
      .withCsrfToken()
    await member.refresh()
    assert.isTrue(member.canAuthor)
    await expectStatus(client.get('/news/manage/new').loginAs(member), 200)
    await client.delete(`/news/manage/authors/${member.id}`).loginAs(admin).withCsrfToken()
    await member.refresh()
    assert.isFalse(member.canAuthor)
    assert.isNotNull(await AuditLog.findBy('action', 'author.granted'))
    assert.isNotNull(await AuditLog.findBy('action', 'author.revoked'))
  })

  test('the admin page of a member offers the author permission to admins', async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('admin').create()
    const member = await UserFactory.create()
    const page = await client.get(`/admin/users/${member.id}`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('News author')
    const response = await client
      .post('/news/manage/authors')
      .form({ email: member.email })
      .header('referer', `/admin/users/${member.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/admin/users/${member.id}`)
    await member.refresh()
    assert.isTrue(member.canAuthor)
  })

  test('an editor deletes a post: its page, images and pending emails go with it', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory('Walks')
    const editor = await UserFactory.apply('board').create()
    const member = await UserFactory.create()
    await NewsSubscription.create({ userId: member.id, categoryId: category.id, mode: 'each' })
    const post = await makePost({ title: 'Canal walk', category })
    await attachImage(post, await pngImage(1200, 800))
    cleanup(() => deleteImages(post))
    const images = PostService.imageKeys(post)
    assert.isNotEmpty(images)
    for (const key of images) assert.isTrue(await drive.use().exists(key), key)
    await expectStatus(client.get(`/news/${post.slug}`), 200)

    const response = await client
      .delete(`/news/manage/${post.id}`)
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/news/manage')
    response.assertFlashMessage('success', 'The post was deleted.')

    assert.isNull(await Post.find(post.id))
    for (const key of images) assert.isFalse(await drive.use().exists(key), key)
    await expectStatus(client.get(`/news/${post.slug}`), 404)
    await expectStatus(client.get(`/news/images/${post.id}/480`), 404)
    const entry = await AuditLog.findByOrFail('action', 'post.deleted')
    assert.equal(entry.actorId, editor.id)

    // Announcement jobs queued before the deletion find nothing to send.
    smtpSink.clear()
    {
      using fake = QueueManager.fake()
      await runFanOutStep({ postId: post.id, afterUserId: 0 })
      assert.lengthOf(fake.getPushedJobs(), 0)
    }
    const mail = new SendPostNotification()
    mail.$hydrate({ postId: post.id, userId: member.id }, {} as any)
    await mail.execute()
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.lengthOf(smtpSink.to(member.email), 0)
  })

  test('an author deletes only their own unpublished post; others are refused with 403', async ({
    client,
    assert,
  }) => {
    const author = await UserFactory.merge({ canAuthor: true }).create()
    const otherAuthor = await UserFactory.merge({ canAuthor: true }).create()
    const member = await UserFactory.create()
    const draft = await makePost({ title: 'My draft', status: 'draft', author })
    const published = await makePost({ title: 'My published post', author })
    const foreign = await makePost({ title: 'Their draft', status: 'draft', author: otherAuthor })

    const refused: Array<[typeof author, Post]> = [
      [author, published],
      [author, foreign],
      [member, draft],
      [otherAuthor, draft],
    ]
    for (const [user, post] of refused) {
      await expectStatus(
        client.delete(`/news/manage/${post.id}`).loginAs(user).withCsrfToken(),
        403
      )
    }
    const visitor = await client.delete(`/news/manage/${draft.id}`).withCsrfToken().redirects(0)
    visitor.assertStatus(302)
    visitor.assertHeader('location', '/login')
    for (const post of [draft, published, foreign]) {
      assert.isNotNull(await Post.find(post.id), `${post.title} is kept`)
    }

    const own = await client
      .delete(`/news/manage/${draft.id}`)
      .loginAs(author)
      .withCsrfToken()
      .redirects(0)
    own.assertStatus(302)
    assert.isNull(await Post.find(draft.id))
  })
})
