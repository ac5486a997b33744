import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('full_name', 120).notNullable()
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      table.string('role', 16).notNullable().defaultTo('user').index()
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('email_verified_at').nullable()
      table.string('display_name', 80).nullable()
      table.text('bio').nullable()
      table.string('phone', 40).nullable()
      table.string('avatar_key').nullable()
      table.string('profile_visibility', 16).notNullable().defaultTo('members')
      table.boolean('show_email').notNullable().defaultTo(false)
      table.string('timezone', 64).nullable()
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
