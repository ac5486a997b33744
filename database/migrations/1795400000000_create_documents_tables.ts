import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The document library: a folder tree, its grants to named members, documents with their
 * versions (files on drive), and a record of every download.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('folders', (table) => {
      table.increments('id')
      table
        .integer('parent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('folders')
        .onDelete('RESTRICT')
      table.string('name', 120).notNullable()
      // Null inherits the parent's level; a top-level folder always sets one.
      table.string('access_level', 16).nullable()
      table.bigInteger('quota_bytes').nullable()
      table
        .integer('created_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['parent_id', 'name'])
    })

    this.schema.createTable('folder_grants', (table) => {
      table.increments('id')
      table
        .integer('folder_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('folders')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('permission', 16).notNullable()
      table.timestamp('created_at').notNullable()
      table.unique(['folder_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('documents', (table) => {
      table.increments('id')
      table
        .integer('folder_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('folders')
        .onDelete('RESTRICT')
      table.string('title', 200).notNullable()
      table.text('description').nullable()
      // Normalised as ",tag one,tag two," so one tag matches exactly with LIKE '%,tag,%'.
      table.string('tags', 600).notNullable().defaultTo('')
      table.string('access_level', 16).nullable()
      table
        .integer('owner_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.integer('current_version_id').unsigned().nullable()
      table.date('review_on').nullable()
      table.date('review_reminded_on').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['folder_id', 'title'])
      table.index(['title'])
      table.index(['review_on'])
      table.index(['owner_id'])
      table.index(['updated_at'])
    })

    this.schema.createTable('document_versions', (table) => {
      table.increments('id')
      table
        .integer('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      table.integer('number').notNullable()
      table.string('drive_key', 255).notNullable().unique()
      table.string('file_name', 255).notNullable()
      table.string('mime_type', 255).notNullable()
      table.bigInteger('size_bytes').notNullable()
      // SHA-256 of the file, hex.
      table.string('checksum', 64).notNullable()
      table.string('change_note', 500).nullable()
      table.string('scan_status', 16).notNullable()
      table
        .integer('uploaded_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.unique(['document_id', 'number'])
      table.index(['uploaded_by_id'])
    })

    this.schema.createTable('document_downloads', (table) => {
      table.bigIncrements('id')
      table
        .integer('document_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('documents')
        .onDelete('CASCADE')
      table
        .integer('document_version_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('document_versions')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.index(['document_id', 'created_at'])
      table.index(['document_version_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('document_downloads')
    this.schema.dropTable('document_versions')
    this.schema.dropTable('documents')
    this.schema.dropTable('folder_grants')
    this.schema.dropTable('folders')
  }
}
