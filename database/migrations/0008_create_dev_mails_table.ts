import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The development mailbox: mail "sent" without SMTP configured, kept for reading in the browser.
 */
export default class extends BaseSchema {
  protected tableName = 'dev_mails'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('to', 1000).notNullable()
      table.string('subject', 500).notNullable()
      table.text('html').nullable()
      table.text('text').nullable()
      table.timestamp('created_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
