import { DateTime } from 'luxon'
import { belongsTo, column, manyToMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import { PostSchema } from '#database/schema'
import PostCategory from '#models/post_category'
import PostTag from '#models/post_tag'
import User from '#models/user'

export const POST_VISIBILITIES = ['public', 'members', 'board'] as const
export type PostVisibility = (typeof POST_VISIBILITIES)[number]

export const POST_STATUSES = ['draft', 'submitted', 'published', 'archived'] as const
export type PostStatus = (typeof POST_STATUSES)[number]

export const IMAGE_WIDTHS = [480, 960, 1440] as const

/**
 * The visibility levels a reader may see: visitors and non-members only public posts,
 * verified members also members-only ones, the board everything.
 */
export function visibilitiesFor(user: User | null | undefined): PostVisibility[] {
  if (!user || !user.isVerified || !user.canSignIn || !user.isMember) return ['public']
  return user.isBoard ? ['public', 'members', 'board'] : ['public', 'members']
}

/**
 * A news post. What a reader may see is decided once, by `visibleTo`: published, its time
 * reached (a scheduled post stays hidden until then even if the publishing job is late), and a
 * visibility level the reader has. Pages, feeds, search, images and mails all use it.
 */
export default class Post extends PostSchema {
  declare status: PostStatus
  declare visibility: PostVisibility

  // SQLite hands booleans back as 0/1.
  @column({ consume: (value) => Boolean(value) })
  declare pinned: boolean

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @belongsTo(() => PostCategory, { foreignKey: 'categoryId' })
  declare category: BelongsTo<typeof PostCategory>

  @manyToMany(() => PostTag, {
    pivotTable: 'post_post_tag',
    pivotForeignKey: 'post_id',
    pivotRelatedForeignKey: 'post_tag_id',
  })
  declare tags: ManyToMany<typeof PostTag>

  static visibleTo = scope((query, user: User | null | undefined) => {
    query
      .where('posts.status', 'published')
      .where('posts.published_at', '<=', DateTime.utc().toSQL()!)
      .whereIn('posts.visibility', visibilitiesFor(user))
  })

  get isScheduled() {
    return this.status === 'published' && !!this.publishedAt && this.publishedAt > DateTime.utc()
  }

  get isLive() {
    return this.status === 'published' && !!this.publishedAt && this.publishedAt <= DateTime.utc()
  }

  get imageWidthList(): number[] {
    return (this.imageWidths ?? '')
      .split(',')
      .filter(Boolean)
      .map((value) => Number(value))
  }
}
