import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The directory matches searchable custom field values by a case-insensitive prefix of the
 * whole query. PostgreSQL serves `lower(value) like 'prefix%'` from a pattern-ops index; SQLite
 * only uses an expression index for a range, which the query spells out alongside the LIKE.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw(
        'create index profile_field_values_search_index on profile_field_values (lower(value) text_pattern_ops)'
      )
    } else {
      this.schema.raw(
        'create index profile_field_values_search_index on profile_field_values (lower(value))'
      )
    }
  }

  async down() {
    this.schema.raw('drop index if exists profile_field_values_search_index')
  }
}
