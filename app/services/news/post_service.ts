import { DateTime } from 'luxon'
import string from '@adonisjs/core/helpers/string'
import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Post, { IMAGE_WIDTHS, type PostVisibility } from '#models/post'
import PostSlug from '#models/post_slug'
import PostTag from '#models/post_tag'
import type User from '#models/user'
import { RuleError } from '#exceptions/rule_error'
import AuditLogService from '#services/audit/audit_log_service'
import { isUniqueViolation } from '#services/database/unique_violation'
import { transactionRetriedOnClash } from '#services/database/clash_retry'
import ImageUploadService from '#services/uploads/image_upload_service'
import { renderMarkdown } from '#services/content/rich_text'
import newsCache from '#services/news/news_cache'
import AnnounceDuePosts from '#jobs/news/announce_due_posts'
import CreateImageVariants from '#jobs/news/create_image_variants'

export interface PostInput {
  title: string
  summary?: string | null
  body: string
  categoryId?: number | null
  tags?: string | null
  visibility: PostVisibility
  imageAlt?: string | null
}

// Paths under /news/ that a post's slug must not take.
const RESERVED_SLUGS = new Set(['manage', 'categories', 'tags', 'posts', 'images', 'unsubscribe'])

// Saves that lose their slug to a post saved at the same moment and pick again.
const SLUG_ATTEMPTS = 3

/** The post's row was refused by the unique index on `slug`, the only one on posts. */
class SlugTaken extends Error {}

/** A featured image just stored: the post's columns, and the narrower widths still to make. */
interface StoredImage {
  columns: { imageKey: string; imageWidths: string; imageWidth: number; imageHeight: number }
  variants: { base: string; widest: number; widths: number[] }
}

/**
 * Writing and the review workflow: draft → submitted → published (now or at a chosen time)
 * → archived. An editor may return a submission to its author with a comment. Every change
 * readers could see invalidates the visitors' page cache.
 */
export default class PostService {
  static async create(author: User, input: PostInput, image?: MultipartFile | null) {
    const post = new Post()
    post.authorId = author.id
    post.status = 'draft'
    post.pinned = false
    post.viewCount = 0
    await PostService.#fill(post, input)
    // The image first: a refused file must not leave a half-created post behind.
    const stored = await PostService.#withImage(image, (newImage) =>
      PostService.#transactionWithSlug(async (trx) => {
        post.useTransaction(trx)
        post.slug = await PostService.#uniqueSlug(trx, input.title)
        if (newImage) post.merge(newImage.columns)
        await PostService.#saveWithSlug(post)
        await PostService.#syncTags(post, input.tags)
      })
    )
    await PostService.#queueVariants(post, stored)
    return post
  }

  static async update(post: Post, input: PostInput, image?: MultipartFile | null) {
    const previousImages = image ? PostService.imageKeys(post) : []
    const previousSlug = post.slug
    const titleChanged = post.title !== input.title
    await PostService.#fill(post, input)
    const stored = await PostService.#withImage(image, (newImage) =>
      PostService.#transactionWithSlug(async (trx) => {
        post.useTransaction(trx)
        if (titleChanged) {
          post.slug = await PostService.#uniqueSlug(trx, input.title, post.id)
          if (post.slug !== previousSlug) {
            // Old links keep working: the former slug now redirects here (301).
            await PostSlug.create({ postId: post.id, slug: previousSlug }, { client: trx })
          }
        }
        if (newImage) post.merge(newImage.columns)
        await PostService.#saveWithSlug(post)
        await PostService.#syncTags(post, input.tags)
      })
    )
    await PostService.#queueVariants(post, stored)
    await Promise.all(previousImages.map((key) => ImageUploadService.delete(key)))
    await newsCache.invalidate()
    return post
  }

  /**
   * Stores the uploaded image, if any, and saves with it; returns what was stored. When the save
   * fails nothing points to the new file, so it is removed again.
   */
  static async #withImage(
    image: MultipartFile | null | undefined,
    save: (stored: StoredImage | null) => Promise<void>
  ) {
    const stored = image ? await PostService.#storeImage(image) : null
    try {
      await save(stored)
    } catch (error) {
      if (stored) {
        await ImageUploadService.delete(`${stored.variants.base}-${stored.variants.widest}.webp`)
      }
      throw error
    }
    return stored
  }

  /** The image's widest variant, stored now; the post lists the others once they are made. */
  static async #storeImage(file: MultipartFile): Promise<StoredImage> {
    const stored = await ImageUploadService.storeWidest(file, 'news', IMAGE_WIDTHS)
    return {
      columns: {
        imageKey: stored.base,
        imageWidths: String(stored.widest),
        imageWidth: stored.width,
        imageHeight: stored.height,
      },
      variants: { base: stored.base, widest: stored.widest, widths: stored.pending },
    }
  }

  static async #queueVariants(post: Post, stored: StoredImage | null) {
    if (!stored || stored.variants.widths.length === 0) return
    await CreateImageVariants.dispatch({ postId: post.id, ...stored.variants })
  }

  static async removeImage(post: Post) {
    const previous = PostService.imageKeys(post)
    post.merge({ imageKey: null, imageWidths: null, imageWidth: null, imageHeight: null })
    await post.save()
    await Promise.all(previous.map((key) => ImageUploadService.delete(key)))
    await newsCache.invalidate()
  }

  static imageKeys(post: Post) {
    return post.imageKey ? post.imageWidthList.map((width) => `${post.imageKey}-${width}.webp`) : []
  }

  static async submit(post: Post) {
    post.merge({ status: 'submitted', submittedAt: DateTime.utc(), reviewComment: null })
    await post.save()
  }

  /**
   * Publishes now, or at `at` when it lies in the future: the post then stays invisible
   * (`Post.visibleTo` compares the time) and the announcing job sends its emails once due.
   */
  static async publish(post: Post, editor: User, at: DateTime | null, ctx?: HttpContext) {
    const when = at && at > DateTime.utc() ? at.toUTC() : DateTime.utc()
    // A post announced before (archived, then published again) is not emailed a second time.
    post.merge({
      status: 'published',
      publishedAt: when,
      reviewedById: editor.id,
      reviewComment: null,
    })
    await post.save()
    await newsCache.invalidate()
    await AuditLogService.record(
      {
        action: 'post.published',
        actor: editor,
        meta: { postId: post.id, title: post.title, publishAt: when.toISO() },
      },
      ctx
    )
    if (when <= DateTime.utc()) {
      await AnnounceDuePosts.dispatch({})
    }
  }

  static async returnToAuthor(post: Post, editor: User, comment: string, ctx?: HttpContext) {
    const wasVisible = post.status === 'published'
    post.merge({ status: 'draft', reviewComment: comment, reviewedById: editor.id })
    await post.save()
    if (wasVisible) await newsCache.invalidate()
    await AuditLogService.record(
      { action: 'post.returned', actor: editor, meta: { postId: post.id, title: post.title } },
      ctx
    )
  }

  static async archive(post: Post, editor: User, ctx?: HttpContext) {
    post.merge({ status: 'archived', pinned: false })
    await post.save()
    await newsCache.invalidate()
    await AuditLogService.record(
      { action: 'post.archived', actor: editor, meta: { postId: post.id, title: post.title } },
      ctx
    )
  }

  static async setPinned(post: Post, pinned: boolean, editor: User, ctx?: HttpContext) {
    post.pinned = pinned
    await post.save()
    await newsCache.invalidate()
    await AuditLogService.record(
      {
        action: pinned ? 'post.pinned' : 'post.unpinned',
        actor: editor,
        meta: { postId: post.id, title: post.title },
      },
      ctx
    )
  }

  static async delete(post: Post, actor: User, ctx?: HttpContext) {
    const keys = PostService.imageKeys(post)
    const wasPublished = post.status === 'published'
    await post.delete()
    await Promise.all(keys.map((key) => ImageUploadService.delete(key)))
    if (wasPublished) await newsCache.invalidate()
    await AuditLogService.record(
      { action: 'post.deleted', actor, meta: { postId: post.id, title: post.title } },
      ctx
    )
  }

  /**
   * A slug no other post uses or used: old slugs stay reserved for their redirects. Chosen in
   * the transaction that saves it, so a former slug taken back is only released if the save
   * goes through.
   */
  static async #uniqueSlug(trx: TransactionClientContract, title: string, ownPostId?: number) {
    const base = string.slug(title, { lower: true, strict: true }).slice(0, 200) || 'post'
    for (let attempt = 1; ; attempt++) {
      const candidate = attempt === 1 ? base : `${base}-${attempt}`
      if (RESERVED_SLUGS.has(candidate)) continue
      const current = await Post.query({ client: trx })
        .where('slug', candidate)
        .select('id')
        .first()
      if (current && current.id !== ownPostId) continue
      const former = await PostSlug.query({ client: trx })
        .where('slug', candidate)
        .select('post_id')
        .first()
      if (former && former.postId !== ownPostId) continue
      if (former) {
        // Going back to a former title: the slug becomes current again.
        await PostSlug.query({ client: trx }).where('slug', candidate).delete()
      }
      return candidate
    }
  }

  /**
   * Runs `save` in a transaction. Two posts saved at the same moment can both find one slug
   * free; the unique index refuses the second, which then runs again and picks the next one.
   */
  static #transactionWithSlug(save: (trx: TransactionClientContract) => Promise<void>) {
    return transactionRetriedOnClash(save, {
      attempts: SLUG_ATTEMPTS,
      isClash: (error) => error instanceof SlugTaken,
      exhausted: () =>
        new RuleError(
          'Another post was saved with the same title at this moment. Please save again.',
          'title'
        ),
    })
  }

  static async #saveWithSlug(post: Post) {
    try {
      await post.save()
    } catch (error) {
      if (isUniqueViolation(error)) throw new SlugTaken()
      throw error
    }
  }

  static async #fill(post: Post, input: PostInput) {
    post.merge({
      title: input.title,
      summary: input.summary || null,
      bodySource: input.body,
      bodyHtml: renderMarkdown(input.body),
      categoryId: input.categoryId ?? null,
      visibility: input.visibility,
      imageAlt: input.imageAlt || null,
    })
  }

  static parseTags(raw: string | null | undefined) {
    const names = new Map<string, string>()
    for (const part of (raw ?? '').split(',')) {
      const name = part.trim().slice(0, 40)
      const slug = string.slug(name, { lower: true, strict: true })
      if (slug && !names.has(slug)) names.set(slug, name)
    }
    return [...names.entries()].slice(0, 10).map(([slug, name]) => ({ slug, name }))
  }

  static async #syncTags(post: Post, raw: string | null | undefined) {
    const wanted = PostService.parseTags(raw)
    const known = wanted.length
      ? await PostTag.query({ client: post.$trx }).whereIn(
          'slug',
          wanted.map((tag) => tag.slug)
        )
      : []
    const bySlug = new Map(known.map((tag) => [tag.slug, tag.id]))
    const ids: number[] = []
    for (const tag of wanted) {
      const id = bySlug.get(tag.slug)
      if (id !== undefined) {
        ids.push(id)
        continue
      }
      const created = await PostTag.create(
        { name: tag.name, slug: tag.slug },
        { client: post.$trx }
      )
      ids.push(created.id)
    }
    await post.related('tags').sync(ids)
  }
}
