import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'audit_logs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('action', 64).notNullable().index()
      table
        .integer('actor_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table
        .integer('subject_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('subject_email', 254).nullable()
      table.string('ip', 64).nullable()
      table.string('user_agent', 512).nullable()
      table.text('meta').nullable()
      table.timestamp('created_at').notNullable().index()
      table.index(['actor_id', 'created_at'])
      table.index(['subject_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
