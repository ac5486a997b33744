import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A CSV import waiting for its admin's confirmation: the file sits in the shared storage and
 * this row says whose it is and whether it was confirmed, so that any instance can take the
 * confirmation, and only one confirmation (a double click, two tabs) queues the import.
 * The token in the confirmation form is kept only as its hash.
 */
export default class extends BaseSchema {
  protected tableName = 'member_import_previews'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('token_hash', 64).primary()
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.timestamp('created_at').notNullable().index()
      table.timestamp('confirmed_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
