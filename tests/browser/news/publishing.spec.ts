import { test } from '@japa/runner'
import Parser from 'rss-parser'
import { UserFactory } from '#database/factories/user_factory'
import PostCategory from '#models/post_category'
import { photo } from '#tests/fixtures/images'
import {
  BrowserSession,
  leakedTemplateSyntax,
  logIn,
  screenshot,
  uniqueEmail,
} from '#tests/helpers/browser'

test.group('News in a browser', (group) => {
  const browser = new BrowserSession()
  group.each.teardown(() => browser.close())

  test('an author writes a post with an image, an editor publishes it, a visitor reads it and finds it in the feed', async ({
    assert,
  }) => {
    const suffix = Date.now().toString(36)
    const title = `Summer picnic ${suffix}`
    const category = await PostCategory.create({
      name: `Socials ${suffix}`,
      slug: `socials-${suffix}`,
      position: 0,
    })
    const author = await UserFactory.merge({
      email: uniqueEmail('news-author'),
      fullName: 'Ada Lovelace',
      canAuthor: true,
    }).create()
    const editor = await UserFactory.apply('board')
      .merge({ email: uniqueEmail('news-editor') })
      .create()

    // The author writes, previews, saves and submits.
    const writer = await browser.newPage()
    await logIn(writer, author.email)
    await writer.goto('/news/manage/new')
    await writer.getByRole('heading', { name: 'New post', level: 1 }).waitFor()
    await writer.getByLabel('Title').fill(title)
    await writer.getByLabel('Summary').fill('Bring a blanket and something to share.')
    await writer
      .getByLabel('Text')
      .fill(
        'Our **summer picnic** is on the green.\n\n- Games at 2 pm\n- Tea at 4 pm\n\n<script>alert(1)</script>'
      )
    await writer.getByLabel('Category').selectOption({ label: category.name })
    await writer.getByLabel('Tags').fill('Picnic, Summer')
    await writer.getByLabel('Everyone (public, in the feeds)').check()
    await writer.getByRole('button', { name: 'Preview' }).click()
    const preview = writer.locator('.news-preview')
    await preview.waitFor()
    assert.equal(await preview.locator('strong').innerText(), 'summer picnic')
    assert.equal(await preview.locator('script').count(), 0)
    assert.equal(await writer.getByLabel('Title').inputValue(), title, 'the form keeps the text')

    await writer.getByLabel('Featured image').setInputFiles({
      name: 'village-green.png',
      mimeType: 'image/png',
      buffer: await photo(1200, 700),
    })
    await writer.getByLabel('Image description').fill('The village green in the sun')
    await writer.getByRole('button', { name: 'Save the draft' }).click()
    await writer.waitForURL('**/news/manage/*/edit')
    assert.equal(await writer.getByRole('status').first().innerText(), 'The draft was saved.')
    await screenshot(writer, 'news-author-draft')
    await writer.getByRole('button', { name: 'Submit for review' }).click()
    await writer.getByText('The post was sent to the editors for review.').waitFor()
    assert.deepEqual(await leakedTemplateSyntax(writer), [])

    // The editor publishes it from the review queue.
    const desk = await browser.newPage()
    await logIn(desk, editor.email)
    await desk.goto('/news/manage')
    const queue = desk.getByRole('region', { name: 'Waiting for review' })
    await queue.getByRole('link', { name: title }).click()
    await desk.waitForURL('**/news/manage/*/edit')
    await desk.getByRole('button', { name: 'Publish', exact: true }).click()
    await desk.getByText('The post is published.').waitFor()
    await screenshot(desk, 'news-editor-published')

    // A visitor reads it and finds it in the feed.
    const visitor = await browser.newPage()
    await visitor.goto('/news')
    await screenshot(visitor, 'news-visitor-list')
    const feedLink = visitor.locator('head link[rel="alternate"][type="application/rss+xml"]')
    assert.equal(await feedLink.first().getAttribute('href'), '/news/feed.rss')
    await visitor.getByRole('link', { name: title }).click()
    await visitor.getByRole('heading', { name: title, level: 1 }).waitFor()
    assert.include(await visitor.locator('.news-body').innerText(), 'Games at 2 pm')
    assert.equal(await visitor.locator('.news-body script').count(), 0)
    const image = visitor.getByRole('img', { name: 'The village green in the sun' })
    await image.scrollIntoViewIfNeeded()
    const decodedWidth = await image.evaluate(
      async (element: { decode(): Promise<void>; naturalWidth: number }) => {
        await element.decode()
        return element.naturalWidth
      }
    )
    assert.isAbove(decodedWidth, 0, 'the image decodes')
    assert.include((await image.getAttribute('srcset')) ?? '', '960w')
    assert.equal(await image.getAttribute('width'), '960')
    assert.equal(await image.getAttribute('height'), '560')
    assert.deepEqual(await leakedTemplateSyntax(visitor), [])
    await screenshot(visitor, 'news-visitor-post')

    const feed = await visitor.request.get('/news/feed.rss')
    assert.equal(feed.headers()['content-type'], 'application/rss+xml; charset=utf-8')
    const parsed = await new Parser().parseString(await feed.text())
    assert.include(
      parsed.items.map((item) => item.title),
      title
    )
  })
})
