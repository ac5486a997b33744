import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { QueueManager } from '@adonisjs/queue'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { UserFactory } from '#database/factories/user_factory'
import NewsSubscription from '#models/news_subscription'
import type PostCategory from '#models/post_category'
import type User from '#models/user'
import FanOutPostNotifications from '#jobs/news/fan_out_post_notifications'
import SendWeeklyDigest from '#jobs/news/send_weekly_digest'
import PostService from '#services/news/post_service'
import NotificationService, { FAN_OUT_BATCH } from '#services/news/notification_service'
import { smtpSink } from '#tests/helpers/mail'
import { linkIn } from '#tests/helpers/smtp_sink'
import {
  isolateNews,
  makeCategory,
  makePost,
  queuedMailRecipients,
  runFanOutStep,
  visit,
} from '#tests/functional/news/helpers'

async function subscribe(user: User, category: PostCategory, mode: 'each' | 'digest') {
  return NewsSubscription.create({ userId: user.id, categoryId: category.id, mode })
}

test.group('News / email notifications', (group) => {
  isolateNews(group)
  group.each.setup(() => smtpSink.clear())

  test('members choose per category in their settings', async ({ client, assert }) => {
    const walks = await makeCategory('Walks')
    const board = await makeCategory('Board')
    const member = await UserFactory.create()
    const page = await client.get('/account/notifications').loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes('href="/account/notifications"')
    page.assertTextIncludes('Walks')

    await client
      .put('/account/notifications')
      .form({ [`modes[c${walks.id}]`]: 'each', [`modes[c${board.id}]`]: 'digest' })
      .loginAs(member)
      .withCsrfToken()
    const rows = await NewsSubscription.query().where('user_id', member.id).orderBy('category_id')
    assert.deepEqual(
      rows.map((row) => [row.categoryId, row.mode]),
      [
        [walks.id, 'each'],
        [board.id, 'digest'],
      ]
    )

    await client
      .put('/account/notifications')
      .form({ [`modes[c${walks.id}]`]: 'none', [`modes[c${board.id}]`]: 'digest' })
      .loginAs(member)
      .withCsrfToken()
    assert.lengthOf(await NewsSubscription.query().where('user_id', member.id), 1)

    const bad = await client
      .put('/account/notifications')
      .form({ [`modes[c${walks.id}]`]: 'hourly' })
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    bad.assertStatus(302)
    assert.lengthOf(await NewsSubscription.query().where('user_id', member.id), 1)
  })

  test('publishing emails each subscriber who may read the post, with one-click unsubscribe', async ({
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const editor = await UserFactory.apply('board').create()
    const eachMember = await UserFactory.create()
    const digestMember = await UserFactory.create()
    const outsider = await UserFactory.apply('nonMember').create()
    const unsubscribed = await UserFactory.create()
    await subscribe(eachMember, category, 'each')
    await subscribe(digestMember, category, 'digest')
    await subscribe(outsider, category, 'each')

    const post = await makePost({
      title: 'Members walk on Sunday',
      visibility: 'members',
      status: 'submitted',
      category,
    })
    await PostService.publish(post, editor, null)

    const mail = await smtpSink.waitFor(eachMember.email)
    assert.equal(mail.subject, 'Members walk on Sunday')
    const unsubscribeUrl = linkIn(mail, '/news/unsubscribe/')
    const header = (name: string) =>
      mail.headers
        .find((entry) => entry.key === name)
        ?.value.replace(/\s+/g, ' ')
        .trim()
    assert.equal(header('list-unsubscribe'), `<${unsubscribeUrl}>`)
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click')
    assert.include(mail.text ?? '', `http://localhost:3334/news/${post.slug}`)
    assert.lengthOf(smtpSink.to(digestMember.email), 0, 'digest readers wait for the digest')
    assert.lengthOf(smtpSink.to(outsider.email), 0, 'a non-member cannot read members posts')
    assert.lengthOf(smtpSink.to(unsubscribed.email), 0)
  })

  test('a scheduled post is announced only when the job finds it due', async ({ assert }) => {
    const category = await makeCategory('Walks')
    const editor = await UserFactory.apply('board').create()
    const member = await UserFactory.create()
    await subscribe(member, category, 'each')
    const post = await makePost({ status: 'submitted', category })
    await PostService.publish(post, editor, DateTime.utc().plus({ hours: 3 }))
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.lengthOf(smtpSink.to(member.email), 0)
  })

  test('the fan-out queues mail jobs in batches and continues with the next page', async ({
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const post = await makePost({ category })
    const { password } = await UserFactory.create()
    const now = DateTime.utc().toSQL()
    const count = FAN_OUT_BATCH + 20
    const users = Array.from({ length: count }, (_, index) => ({
      full_name: `Subscriber ${index}`,
      email: `fanout-${index}-${Date.now()}@example.org`,
      password,
      role: 'member',
      status: 'active',
      email_verified_at: now,
      profile_visibility: 'members',
      show_email: false,
      created_at: now,
    }))
    for (let start = 0; start < users.length; start += 200) {
      await db.table('users').multiInsert(users.slice(start, start + 200))
    }
    const idRows = await db.from('users').whereLike('email', 'fanout-%').orderBy('id').select('id')
    const ids = idRows.map((row) => Number(row.id))
    const rows = ids.map((id) => ({
      user_id: id,
      category_id: category.id,
      mode: 'each',
      created_at: now,
    }))
    for (let start = 0; start < rows.length; start += 200) {
      await db.table('news_subscriptions').multiInsert(rows.slice(start, start + 200))
    }

    using fake = QueueManager.fake()
    await runFanOutStep({ postId: post.id, afterUserId: 0 })
    assert.lengthOf(queuedMailRecipients(fake), FAN_OUT_BATCH, 'one batch of per-recipient jobs')
    const next = fake.findPushed(FanOutPostNotifications)
    assert.deepEqual(next?.job.payload, { postId: post.id, afterUserId: ids[FAN_OUT_BATCH - 1] })

    fake.clearPushedJobs()
    await runFanOutStep(next!.job.payload)
    const rest = queuedMailRecipients(fake)
    assert.lengthOf(rest, 20)
    assert.deepEqual(rest, ids.slice(FAN_OUT_BATCH))
    assert.isUndefined(fake.findPushed(FanOutPostNotifications), 'the last page ends the fan-out')
  })

  test('the fan-out queues mails only for subscribers who may read the post', async ({
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const admin = await UserFactory.apply('admin').create()
    const boardMember = await UserFactory.apply('board').create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.apply('nonMember').create()
    for (const user of [admin, boardMember, member, outsider]) {
      await subscribe(user, category, 'each')
    }
    const queued = async (visibility: 'public' | 'members' | 'board') => {
      const post = await makePost({ visibility, category })
      using fake = QueueManager.fake()
      await runFanOutStep({ postId: post.id, afterUserId: 0 })
      return queuedMailRecipients(fake)
    }

    assert.sameMembers(await queued('public'), [admin.id, boardMember.id, member.id, outsider.id])
    assert.sameMembers(await queued('members'), [admin.id, boardMember.id, member.id])
    assert.sameMembers(await queued('board'), [admin.id, boardMember.id])
  })

  test('publishing from a request only queues the first fan-out step', async ({
    client,
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const editor = await UserFactory.apply('board').create()
    const post = await makePost({ status: 'submitted', category })
    using fake = QueueManager.fake()
    const response = await client
      .post(`/news/manage/${post.id}/publish`)
      .loginAs(editor)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.lengthOf(fake.getPushedJobs(), 1)
    assert.equal(fake.getPushedJobs()[0].job.name, 'AnnounceDuePosts')
  })

  test('the unsubscribe link works without logging in: GET confirms, POST unsubscribes', async ({
    assert,
  }) => {
    const category = await makeCategory('Walks')
    const member = await UserFactory.create()
    await subscribe(member, category, 'each')
    const token = NotificationService.unsubscribeToken(member.id, category.id)

    const page = await visit(`/news/unsubscribe/${token}`)
    assert.equal(page.status, 200)
    const html = await page.text()
    assert.include(html, 'new posts in “Walks”')
    assert.include(html, '<button type="submit">Unsubscribe</button>')
    assert.lengthOf(
      await NewsSubscription.query().where('user_id', member.id),
      1,
      'GET changes nothing'
    )

    // RFC 8058: the mail provider POSTs this body, with no cookie and no CSRF token.
    const done = await fetch(`http://localhost:${process.env.PORT}/news/unsubscribe/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    assert.equal(done.status, 200)
    assert.include(await done.text(), 'You will no longer receive new posts in “Walks”.')
    assert.lengthOf(await NewsSubscription.query().where('user_id', member.id), 0)
  })

  test('a forged or foreign token is refused', async ({ assert }) => {
    const category = await makeCategory('Walks')
    const member = await UserFactory.create()
    await subscribe(member, category, 'each')
    const forged = encryption
      .getMessageVerifier()
      .sign({ u: member.id, s: category.id }, undefined, 'other')
    for (const token of ['nonsense', forged]) {
      const response = await fetch(
        `http://localhost:${process.env.PORT}/news/unsubscribe/${token}`,
        {
          method: 'POST',
        }
      )
      assert.equal(response.status, 404)
    }
    assert.lengthOf(await NewsSubscription.query().where('user_id', member.id), 1)
  })

  test('the weekly digest lists new posts for members who chose it', async ({ assert }) => {
    const category = await makeCategory('Walks')
    const digestMember = await UserFactory.create()
    const eachMember = await UserFactory.create()
    await subscribe(digestMember, category, 'digest')
    await subscribe(eachMember, category, 'each')
    await makePost({ title: 'Canal walk report', category, summary: 'Fourteen walkers.' })
    await makePost({ title: 'Board only minutes', category, visibility: 'board' })
    await makePost({
      title: 'Last month',
      category,
      publishedAt: DateTime.utc().minus({ days: 30 }),
    })

    await SendWeeklyDigest.dispatch({})
    const mail = await smtpSink.waitFor(digestMember.email)
    assert.equal(mail.subject, 'This week at the association')
    assert.include(mail.text ?? '', 'Canal walk report')
    assert.notInclude(mail.text ?? '', 'Board only minutes')
    assert.notInclude(mail.text ?? '', 'Last month')
    assert.include(mail.raw, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    assert.lengthOf(smtpSink.to(eachMember.email), 0)
  })
})
