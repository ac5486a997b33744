import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { ApiRequest } from '@japa/api-client'
import type { QueueManager } from '@adonisjs/queue'
import { DateTime } from 'luxon'
import type { Group } from '@japa/runner/core'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import Post, { IMAGE_WIDTHS, type PostStatus, type PostVisibility } from '#models/post'
import PostCategory from '#models/post_category'
import type User from '#models/user'
import { renderMarkdown } from '#services/content/rich_text'
import newsCache from '#services/news/news_cache'
import viewCounter from '#services/news/view_counter'
import PostService from '#services/news/post_service'
import ImageUploadService from '#services/uploads/image_upload_service'
import FanOutPostNotifications from '#jobs/news/fan_out_post_notifications'
import SendPostNotification from '#jobs/news/send_post_notification'
import { isolateDatabase } from '#tests/helpers/database'
import env from '#start/env'

/**
 * Each test in its own transaction, with the visitors' page cache and the view counter
 * emptied: both live in memory and would otherwise carry one test's pages into the next.
 */
export function isolateNews(group: Group) {
  isolateDatabase(group)
  group.each.setup(() => {
    newsCache.clear()
    viewCounter.reset()
  })
}

let sequence = 0

export async function makeCategory(name = 'Announcements') {
  sequence++
  return PostCategory.create({
    name,
    slug: `${name.toLowerCase().replace(/\W+/g, '-')}-${sequence}`,
    position: sequence,
  })
}

export async function makePost(
  overrides: Partial<{
    title: string
    body: string
    summary: string
    visibility: PostVisibility
    status: PostStatus
    publishedAt: DateTime | null
    category: PostCategory | null
    author: User | null
    pinned: boolean
  }> = {}
) {
  sequence++
  const title = overrides.title ?? `Post number ${sequence}`
  const body = overrides.body ?? `Body of post ${sequence}.`
  const status = overrides.status ?? 'published'
  return Post.create({
    title,
    slug: `${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/(^-|-$)/g, '')}-${sequence}`,
    summary: overrides.summary ?? null,
    bodySource: body,
    bodyHtml: renderMarkdown(body),
    visibility: overrides.visibility ?? 'public',
    status,
    pinned: overrides.pinned ?? false,
    publishedAt:
      overrides.publishedAt !== undefined
        ? overrides.publishedAt
        : status === 'published'
          ? DateTime.utc().minus({ minutes: 5 })
          : null,
    announcedAt: status === 'published' ? DateTime.utc().minus({ minutes: 5 }) : null,
    categoryId: overrides.category?.id ?? null,
    authorId: overrides.author?.id ?? null,
    viewCount: 0,
  })
}

/**
 * A request as a first-time visitor's browser sends it: no cookie at all. (The Japa client
 * always sends a session cookie.)
 */
export function visit(path: string, headers: Record<string, string> = {}) {
  return fetch(`http://localhost:${env.get('PORT')}${path}`, { headers, redirect: 'manual' })
}

export async function expectStatus(
  request: PromiseLike<{ assertStatus(status: number): void }>,
  status: number
) {
  const response = await request
  response.assertStatus(status)
}

export async function textOf(request: PromiseLike<{ text(): string | Promise<string> }>) {
  const response = await request
  return response.text()
}

export async function deleteImages(post: Post) {
  await Promise.all(PostService.imageKeys(post).map((key) => ImageUploadService.delete(key)))
}

/** Gives `post` a featured image at every width, as an upload and its queued job leave it. */
export async function attachImage(post: Post, png: Buffer) {
  const tmpPath = join(tmpdir(), `news-test-${post.id}-${Date.now()}.png`)
  await writeFile(tmpPath, png)
  const file = { hasErrors: false, tmpPath, errors: [] } as unknown as MultipartFile
  const stored = await ImageUploadService.storeWidest(file, 'news', IMAGE_WIDTHS)
  await ImageUploadService.addNarrowerVariants(stored.base, stored.widest, stored.pending)
  post.merge({
    imageKey: stored.base,
    imageWidths: [...stored.pending, stored.widest].sort((a, b) => a - b).join(','),
    imageWidth: stored.width,
    imageHeight: stored.height,
  })
  await post.save()
}

/** The post editor's form, filled in enough to save; `overrides` holds what a test checks. */
export function postForm(category: PostCategory, overrides: Record<string, string> = {}) {
  return {
    title: 'Garden party',
    body: 'Join us.',
    categoryId: String(category.id),
    visibility: 'public',
    ...overrides,
  }
}

/**
 * Sends the post editor's form to `request` (a new post, an edit or the preview) as `user`,
 * with `image` as its featured image when given. Answers without following redirects, so a
 * test sees where a saved form leads and the flash messages it set.
 */
export function sendPostForm(
  request: ApiRequest,
  user: User,
  fields: Record<string, string>,
  image?: Buffer
) {
  const filled = image
    ? request
        .fields(fields)
        .file('image', image, { filename: 'photo.png', contentType: 'image/png' })
    : request.form(fields)
  return filled.loginAs(user).withCsrfToken().redirects(0)
}

/** Runs one step of a post's announcement fan-out, as a queue worker would. */
export async function runFanOutStep(payload: { postId: number; afterUserId: number }) {
  const step = new FanOutPostNotifications()
  step.$hydrate(payload, {} as any)
  await step.execute()
}

/** Who the per-recipient announcement mails pushed to a faked queue are for, in order. */
export function queuedMailRecipients(fake: ReturnType<typeof QueueManager.fake>): number[] {
  return fake
    .getPushedJobs()
    .filter((record) => record.job.name === SendPostNotification.name)
    .map((record) => record.job.payload.userId)
}

/**
 * Until the returned function is called, a rival takes the slug of `model`'s record picked by
 * `contested` the moment before it is saved, in the same transaction, as a second editor saving
 * the same title or name would; `times` limits how often.
 */
function raceForSlug<Model extends LucidModel>(
  model: Model,
  contested: (row: InstanceType<Model>) => boolean,
  takeSlug: (slug: string, trx: TransactionClientContract) => Promise<unknown>,
  times: number
) {
  let left = times
  const race = async (row: InstanceType<Model>) => {
    if (!contested(row) || left <= 0) return
    left--
    await takeSlug(row.$attributes.slug, row.$trx!)
  }
  model.before('save', race)
  return () => {
    model.$hooks.remove('before:save', race)
  }
}

/** A rival post takes the slug of the post titled `title` as it is saved (see raceForSlug). */
export function raceForPostSlug(title: string, times = Number.POSITIVE_INFINITY) {
  return raceForSlug(
    Post,
    (post) => post.title === title,
    (slug, trx) =>
      Post.create(
        {
          title: 'Rival',
          slug,
          bodySource: 'Rival.',
          bodyHtml: '<p>Rival.</p>',
          visibility: 'public',
          status: 'draft',
          pinned: false,
          viewCount: 0,
        },
        { client: trx }
      ),
    times
  )
}

/** A rival category takes the slug of the category named `name` as it is saved. */
export function raceForCategorySlug(name: string, times = Number.POSITIVE_INFINITY) {
  return raceForSlug(
    PostCategory,
    (category) => category.name === name,
    (slug, trx) => PostCategory.create({ name: 'Rival', slug, position: 0 }, { client: trx }),
    times
  )
}
