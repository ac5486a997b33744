import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * "Download my data" archives: asked for in a request, built by a job into the shared drive
 * storage, downloaded through a link until they expire. The id is a random UUID, because it is
 * the archive's address in the mailed link. A row is created `preparing` and becomes `ready`
 * (with its file) or `failed`; `expires_at` is set from the start, so a row whose job never ran
 * is purged too.
 */
export default class extends BaseSchema {
  protected tableName = 'data_exports'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 36).primary()
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('status', 16).notNullable()
      table.string('file_key', 255).nullable()
      table.bigInteger('size_bytes').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('ready_at').nullable()
      table.timestamp('expires_at').notNullable().index()
      table.timestamp('downloaded_at').nullable()
      table.index(['user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
