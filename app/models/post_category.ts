import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { PostCategorySchema } from '#database/schema'
import Post from '#models/post'

/**
 * A section of the news (announcements, events, committee news…); members subscribe per category.
 */
export default class PostCategory extends PostCategorySchema {
  @hasMany(() => Post, { foreignKey: 'categoryId' })
  declare posts: HasMany<typeof Post>
}
