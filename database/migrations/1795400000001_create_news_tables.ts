import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * News: categories, posts with their tags and former slugs, per-category notification
 * choices, the author permission on accounts, and the page-cache version shared by instances.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.boolean('can_author').notNullable().defaultTo(false)
    })

    this.schema.createTable('post_categories', (table) => {
      table.increments('id')
      table.string('name', 80).notNullable()
      table.string('slug', 100).notNullable().unique()
      table.string('description', 300).nullable()
      table.integer('position').notNullable().defaultTo(0).index()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.schema.createTable('posts', (table) => {
      table.increments('id')
      table
        .integer('author_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
        .index()
      table
        .integer('category_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('post_categories')
        .onDelete('SET NULL')
      table.string('title', 200).notNullable()
      table.string('slug', 220).notNullable().unique()
      table.string('summary', 500).nullable()
      table.text('body_source').notNullable()
      table.text('body_html').notNullable()
      table.string('visibility', 16).notNullable().defaultTo('public')
      table.string('status', 16).notNullable().defaultTo('draft')
      table.boolean('pinned').notNullable().defaultTo(false)
      table.timestamp('published_at').nullable()
      table.timestamp('announced_at').nullable()
      table.timestamp('submitted_at').nullable()
      table.text('review_comment').nullable()
      table
        .integer('reviewed_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('image_key', 120).nullable()
      table.string('image_widths', 40).nullable()
      table.integer('image_width').nullable()
      table.integer('image_height').nullable()
      table.string('image_alt', 200).nullable()
      table.integer('view_count').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      // The reading pages filter on status/visibility and sort pinned-first, newest first.
      table.index(['status', 'visibility', 'published_at'])
      table.index(['category_id', 'status', 'published_at'])
      table.index(['pinned', 'published_at'])
      table.index(['status', 'announced_at'])
    })

    this.schema.createTable('post_tags', (table) => {
      table.increments('id')
      table.string('name', 40).notNullable()
      table.string('slug', 60).notNullable().unique()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('post_post_tag', (table) => {
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
      table
        .integer('post_tag_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('post_tags')
        .onDelete('CASCADE')
      table.primary(['post_id', 'post_tag_id'])
      table.index(['post_tag_id'])
    })

    this.schema.createTable('post_slugs', (table) => {
      table.increments('id')
      table
        .integer('post_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('posts')
        .onDelete('CASCADE')
        .index()
      table.string('slug', 220).notNullable().unique()
      table.timestamp('created_at').notNullable()
    })

    this.schema.createTable('news_subscriptions', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('category_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('post_categories')
        .onDelete('CASCADE')
      table.string('mode', 16).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['user_id', 'category_id'])
      // The fan-out pages through one category's subscribers by user id.
      table.index(['category_id', 'mode', 'user_id'])
      table.index(['mode', 'user_id'])
    })

    this.schema.createTable('news_cache_versions', (table) => {
      table.string('name', 40).primary()
      table.bigInteger('version').notNullable().defaultTo(0)
    })
    this.defer(async (client) => {
      await client.table('news_cache_versions').insert({ name: 'news', version: 0 })
    })
  }

  async down() {
    this.schema.dropTable('news_cache_versions')
    this.schema.dropTable('news_subscriptions')
    this.schema.dropTable('post_slugs')
    this.schema.dropTable('post_post_tag')
    this.schema.dropTable('post_tags')
    this.schema.dropTable('posts')
    this.schema.dropTable('post_categories')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('can_author')
    })
  }
}
