import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The admin users list filters by status and sorts by sign-up date (role is indexed already).
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.index(['status'])
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['status'])
      table.dropIndex(['created_at'])
    })
  }
}
