import { test } from '@japa/runner'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import drive from '@adonisjs/drive/services/main'
import { uploadsLocation } from '#config/drive'
import Post from '#models/post'
import PostCategory from '#models/post_category'
import AuditLog from '#models/audit_log'
import CreateImageVariants from '#jobs/news/create_image_variants'
import PostService from '#services/news/post_service'
import { htmlPretendingToBePng, pngImage } from '#tests/fixtures/images'
import {
  attachImage,
  deleteImages,
  expectStatus,
  isolateNews,
  makeCategory,
  makePost,
  postForm,
  raceForCategorySlug,
  raceForPostSlug,
  sendPostForm,
  textOf,
} from '#tests/functional/news/helpers'

test.group('News / content: sanitizing, images, slugs', (group) => {
  isolateNews(group)

  test('a post saved with script, handlers and javascript: links renders inert', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const body = [
      'Hello <script>alert("x")</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '<a href="&#106;avascript:alert(1)">encoded</a>',
      '<svg onload=alert(1)></svg><iframe src="https://evil.example"></iframe>',
      '<p style="position:fixed">styled</p>',
      '<a href="https://example.org">fine</a>',
    ].join('\n\n')
    await sendPostForm(client.post('/news/manage'), editor, postForm(category, { body }))
    const post = await Post.findByOrFail('title', 'Garden party')
    assert.equal(post.bodySource, body, "the author's text is kept for editing")
    await PostService.publish(post, editor, null)

    const html = await textOf(client.get(`/news/${post.slug}`))
    const article = html.slice(html.indexOf('<div class="news-body">'), html.indexOf('</article>'))
    assert.notInclude(article, '<script')
    assert.notMatch(article, /\son\w+=/)
    assert.notInclude(article, 'javascript:')
    assert.notInclude(article, '<iframe')
    assert.notInclude(article, '<svg')
    assert.notInclude(article, 'style=')
    assert.include(article, '<a href="https://example.org" rel="noopener noreferrer">fine</a>')
  })

  test('the preview shows the sanitized text without saving anything', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const response = await sendPostForm(
      client.post('/news/manage/preview'),
      editor,
      postForm(category, { body: '**Bold** <script>alert(1)</script>' })
    )
    response.assertStatus(200)
    response.assertTextIncludes('<strong>Bold</strong>')
    assert.notInclude(response.text(), '<script>alert(1)')
    assert.isNull(await Post.findBy('title', 'Garden party'))
  })

  test('a featured image is stored at several widths and shown with srcset', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    await sendPostForm(
      client.post('/news/manage'),
      editor,
      postForm(category, { title: 'With a picture', imageAlt: 'The garden in June' }),
      await pngImage(1200, 800)
    )
    const post = await Post.findByOrFail('title', 'With a picture')
    cleanup(() => deleteImages(post))
    assert.deepEqual(post.imageWidthList, [480, 960])
    assert.equal(post.imageWidth, 960)
    assert.equal(post.imageHeight, 640)
    assert.match(post.imageKey!, /^news\/[0-9a-f-]{36}$/)
    await PostService.publish(post, editor, null)

    const html = await textOf(client.get(`/news/${post.slug}`))
    assert.include(
      html,
      `srcset="/news/images/${post.id}/480 480w, /news/images/${post.id}/960 960w"`
    )
    assert.include(html, 'width="960"')
    assert.include(html, 'height="640"')
    assert.include(html, 'alt="The garden in June"')
    assert.include(await textOf(client.get('/news')), 'loading="lazy"')

    const image = await client.get(`/news/images/${post.id}/960`)
    image.assertStatus(200)
    image.assertHeader('content-type', 'image/webp')
    const metadata = await sharp(Buffer.from(image.body() as any)).metadata()
    assert.equal(metadata.format, 'webp')
    assert.equal(metadata.width, 960)
    await expectStatus(client.get(`/news/images/${post.id}/1440`), 404)
  })

  test('narrower widths are made after the upload, and only for the image the post still has', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    await sendPostForm(
      client.post('/news/manage'),
      editor,
      postForm(category, { title: 'Variants later' }),
      await pngImage(1200, 800)
    )
    const post = await Post.findByOrFail('title', 'Variants later')
    cleanup(() => deleteImages(post))
    const base = post.imageKey!
    const narrow = `${base}-480.webp`

    // As the upload leaves it: the widest width only, the narrower one still to make.
    await drive.use().delete(narrow)
    await Post.query().where('id', post.id).update({ image_widths: '960' })
    await CreateImageVariants.dispatch({ postId: post.id, base, widest: 960, widths: [480] })
    await post.refresh()
    assert.deepEqual(post.imageWidthList, [480, 960])
    const made = await sharp(Buffer.from(await drive.use().getBytes(narrow))).metadata()
    assert.equal(made.width, 480)

    // The image was replaced before the job ran: nothing is made or listed for the old one.
    await drive.use().delete(narrow)
    await Post.query()
      .where('id', post.id)
      .update({ image_key: 'news/replaced', image_widths: '960' })
    await CreateImageVariants.dispatch({ postId: post.id, base, widest: 960, widths: [480] })
    await post.refresh()
    assert.deepEqual(post.imageWidthList, [960])
    assert.isFalse(await drive.use().exists(narrow))
    await Post.query().where('id', post.id).update({ image_key: base })
    await post.refresh()
  })

  test('a file pretending to be an image is refused and nothing is stored', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const response = await sendPostForm(
      client.post('/news/manage'),
      editor,
      postForm(category, { title: 'Spoofed' }),
      htmlPretendingToBePng
    )
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', {
      image: ['The file is not a PNG, JPEG, WebP or GIF image.'],
    })
    assert.isNull(await Post.findBy('title', 'Spoofed'), 'no half-created post is left')
  })

  test('images of members-only and unpublished posts are not reachable by visitors', async ({
    client,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const member = await UserFactory.create()
    const membersPost = await makePost({ visibility: 'members', category })
    const draft = await makePost({ status: 'draft', category })
    const scheduled = await makePost({ publishedAt: DateTime.utc().plus({ days: 1 }), category })
    for (const post of [membersPost, draft, scheduled]) {
      await attachImage(post, await pngImage(600, 400))
      cleanup(() => deleteImages(post))
    }
    await expectStatus(client.get(`/news/images/${membersPost.id}/480`), 404)
    await expectStatus(client.get(`/news/images/${draft.id}/480`), 404)
    await expectStatus(client.get(`/news/images/${scheduled.id}/480`), 404)
    await expectStatus(client.get(`/news/images/${membersPost.id}/480`).loginAs(member), 200)
    await expectStatus(client.get(`/news/images/${draft.id}/480`).loginAs(member), 404)
    await expectStatus(client.get(`/news/images/${draft.id}/480`).loginAs(editor), 200)
  })

  test('a browser holding the image gets 304, also for a weak tag or a list of tags', async ({
    client,
    assert,
    cleanup,
  }) => {
    const post = await makePost({ category: await makeCategory() })
    await attachImage(post, await pngImage(600, 400))
    cleanup(() => deleteImages(post))
    const url = `/news/images/${post.id}/480`

    const first = await client.get(url)
    first.assertStatus(200)
    first.assertHeader('x-content-type-options', 'nosniff')
    first.assertHeader('cache-control', 'public, max-age=86400')
    const etag = first.header('etag')!
    assert.match(etag, /^"[^"]+"$/)

    for (const ifNoneMatch of [etag, `W/${etag}`, `"something-else", ${etag}`, '*']) {
      const again = await client.get(url).header('If-None-Match', ifNoneMatch)
      again.assertStatus(304)
      assert.equal(again.header('etag'), etag, ifNoneMatch)
    }
    const changed = await client.get(url).header('If-None-Match', '"something-else"')
    changed.assertStatus(200)
  })

  test('slugs are unique, and renaming keeps old links working with a 301', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    for (let i = 0; i < 2; i++) {
      await sendPostForm(
        client.post('/news/manage'),
        editor,
        postForm(category, { title: 'Annual meeting' })
      )
    }
    const [first, second] = await Post.query().where('title', 'Annual meeting').orderBy('id')
    assert.equal(first.slug, 'annual-meeting')
    assert.equal(second.slug, 'annual-meeting-2')
    await PostService.publish(first, editor, null)

    await sendPostForm(
      client.put(`/news/manage/${first.id}`),
      editor,
      postForm(category, { title: 'Annual general meeting 2026' })
    )
    await first.refresh()
    assert.equal(first.slug, 'annual-general-meeting-2026')

    const old = await client.get('/news/annual-meeting').redirects(0)
    old.assertStatus(301)
    old.assertHeader('location', '/news/annual-general-meeting-2026')
    await expectStatus(client.get('/news/annual-general-meeting-2026'), 200)

    // The old slug stays reserved: a new post with the old title does not take it.
    await sendPostForm(
      client.post('/news/manage'),
      editor,
      postForm(category, { title: 'Annual meeting' })
    )
    const third = await Post.query()
      .where('title', 'Annual meeting')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.notEqual(third.slug, 'annual-meeting')

    // The permanent address used as feed GUID follows too.
    const byId = await client.get(`/news/posts/${first.id}`).redirects(0)
    byId.assertStatus(301)
    byId.assertHeader('location', '/news/annual-general-meeting-2026')
  })

  test('a slug taken by a post saved at the same moment is chosen again, never a 500', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const draft = await makePost({ title: 'Old title', status: 'draft' })
    cleanup(raceForPostSlug('Annual meeting', 2))

    const created = await sendPostForm(
      client.post('/news/manage'),
      editor,
      postForm(category, { title: 'Annual meeting' })
    )
    created.assertStatus(302)
    const post = await Post.query()
      .where('title', 'Annual meeting')
      .whereNot('id', draft.id)
      .firstOrFail()
    created.assertHeader('location', `/news/manage/${post.id}/edit`)
    assert.equal(post.slug, 'annual-meeting')

    const renamed = await sendPostForm(
      client.put(`/news/manage/${draft.id}`),
      editor,
      postForm(category, { title: 'Annual meeting' })
    )
    renamed.assertStatus(302)
    await draft.refresh()
    assert.equal(draft.slug, 'annual-meeting-2')
    const byId = await client.get(`/news/posts/${draft.id}`).loginAs(editor).redirects(0)
    byId.assertHeader('location', '/news/annual-meeting-2')
    assert.isNull(await Post.findBy('title', 'Rival'), 'the rivals of this test were rolled back')
  })

  test('when the slug keeps being taken, the writer is told and keeps what they typed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const draft = await makePost({ title: 'Old title', status: 'draft' })
    cleanup(raceForPostSlug('Annual meeting'))
    const message = 'Another post was saved with the same title at this moment. Please save again.'

    for (const request of [client.post('/news/manage'), client.put(`/news/manage/${draft.id}`)]) {
      const response = await sendPostForm(
        request,
        editor,
        postForm(category, { title: 'Annual meeting', body: 'Typed with care.' })
      )
      response.assertStatus(302)
      response.assertFlashMessage('error', message)
      response.assertFlashMessage('title', 'Annual meeting')
      response.assertFlashMessage('body', 'Typed with care.')
    }
    assert.isNull(await Post.findBy('title', 'Annual meeting'))
    await draft.refresh()
    assert.equal(draft.title, 'Old title')
  })

  test('a post that cannot be saved leaves no image file behind, and keeps its own', async ({
    client,
    assert,
    cleanup,
  }) => {
    const category = await makeCategory()
    const editor = await UserFactory.apply('board').create()
    const draft = await makePost({ title: 'Old title', status: 'draft' })
    await attachImage(draft, await pngImage(1200, 800))
    cleanup(() => deleteImages(draft))
    const kept = PostService.imageKeys(draft)
    const stored = async () => {
      const names = await readdir(join(uploadsLocation, 'news')).catch(() => [] as string[])
      return names.sort()
    }
    const before = await stored()
    cleanup(raceForPostSlug('Annual meeting'))

    for (const request of [client.post('/news/manage'), client.put(`/news/manage/${draft.id}`)]) {
      const response = await sendPostForm(
        request,
        editor,
        postForm(category, { title: 'Annual meeting' }),
        await pngImage(1200, 800)
      )
      response.assertStatus(302)
      assert.deepEqual(await stored(), before)
    }
    await draft.refresh()
    assert.deepEqual(PostService.imageKeys(draft), kept)
    for (const key of kept) assert.isTrue(await drive.use().exists(key))
  })

  test('a category slug taken at the same moment is chosen again', async ({
    client,
    assert,
    cleanup,
  }) => {
    const editor = await UserFactory.apply('board').create()
    cleanup(raceForCategorySlug('Walks', 1))

    const response = await client
      .post('/news/manage/categories')
      .form({ name: 'Walks' })
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'The category was added.')
    const category = await PostCategory.findByOrFail('name', 'Walks')
    assert.equal(category.slug, 'walks')
  })

  test('when the category slug keeps being taken, the editor is told and keeps what they typed', async ({
    client,
    assert,
    cleanup,
  }) => {
    const editor = await UserFactory.apply('board').create()
    cleanup(raceForCategorySlug('Walks'))

    const response = await client
      .post('/news/manage/categories')
      .form({ name: 'Walks', description: 'Every other Sunday.' })
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/news/manage/categories')
    response.assertFlashMessage(
      'error',
      'Another category was added with the same name at this moment. Please try again.'
    )
    response.assertFlashMessage('name', 'Walks')
    response.assertFlashMessage('description', 'Every other Sunday.')
    assert.isNull(await PostCategory.findBy('name', 'Walks'))
    assert.isNull(await PostCategory.findBy('name', 'Rival'), 'the rivals were rolled back')
    assert.isNull(await AuditLog.findBy('action', 'news_category.saved'))
  })
})
