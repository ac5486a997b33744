import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The directory joins every listed member to their membership by user and reads its status,
 * type and start. With those columns in the index, the join never visits the table.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'create index memberships_directory_user_index on memberships (user_id, status, membership_type_id, started_on)'
    )
  }

  async down() {
    this.schema.raw('drop index if exists memberships_directory_user_index')
  }
}
