import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Membership: the categories an association offers, each member's membership with its status
 * history, applications and their decisions, seats of institutional and family memberships,
 * badges, admin-defined profile fields and the renewal reminders already sent.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('membership_types', (table) => {
      table.increments('id')
      table.string('name', 80).notNullable().unique()
      table.string('slug', 80).notNullable().unique()
      table.text('description').nullable()
      // Minor units (cents) so sums never drift.
      table.integer('fee_amount').notNullable().defaultTo(0)
      table.string('currency', 3).notNullable().defaultTo('EUR')
      // Null means lifetime.
      table.integer('duration_months').nullable()
      table.integer('grace_days').notNullable().defaultTo(30)
      table.boolean('requires_approval').notNullable().defaultTo(true)
      // 0 for an individual membership; more for institutional and family ones.
      table.integer('seats').notNullable().defaultTo(0)
      table.boolean('is_active').notNullable().defaultTo(true)
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    // A counter row per year, bumped atomically, so member numbers are unique and in order.
    this.schema.createTable('membership_number_counters', (table) => {
      table.integer('year').primary()
      table.integer('last_value').notNullable().defaultTo(0)
    })

    this.schema.createTable('memberships', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('membership_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('membership_types')
        .onDelete('RESTRICT')
      table.string('status', 16).notNullable()
      table.string('member_number', 20).nullable().unique()
      table.date('started_on').nullable()
      // Null with an active status means lifetime.
      table.date('expires_on').nullable()
      table.timestamp('status_changed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status', 'membership_type_id'])
      table.index(['membership_type_id'])
      table.index(['expires_on'])
      table.index(['started_on'])
    })

    this.schema.createTable('membership_history', (table) => {
      table.increments('id')
      table
        .integer('membership_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('memberships')
        .onDelete('CASCADE')
      // status_change | renewal | badge_awarded | badge_revoked | seat_joined | seat_left | type_change
      table.string('event', 32).notNullable()
      table.string('from_status', 16).nullable()
      table.string('to_status', 16).nullable()
      table.date('from_expires_on').nullable()
      table.date('to_expires_on').nullable()
      table.text('reason').nullable()
      table
        .integer('actor_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.json('meta').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['membership_id', 'created_at'])
      table.index(['event', 'to_status', 'created_at'])
    })

    this.schema.createTable('membership_applications', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('membership_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('membership_types')
        .onDelete('RESTRICT')
      // pending | approved | rejected | withdrawn
      table.string('status', 16).notNullable()
      table.string('institution', 200).nullable()
      table.string('position', 200).nullable()
      table.string('field', 200).nullable()
      table.string('degrees', 200).nullable()
      table.string('website', 300).nullable()
      table.string('orcid', 19).nullable()
      table.text('interests').nullable()
      table.string('country', 2).nullable()
      table.text('motivation').notNullable()
      table.string('document_key', 200).nullable()
      table.string('document_name', 200).nullable()
      table.string('document_mime', 100).nullable()
      table.string('consent_version', 40).notNullable()
      table.timestamp('consented_at').notNullable()
      table
        .integer('decided_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('decided_at').nullable()
      table.text('decision_reason').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.index(['status', 'created_at'])
      table.index(['user_id', 'status'])
    })

    this.schema.createTable('membership_seats', (table) => {
      table.increments('id')
      table
        .integer('membership_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('memberships')
        .onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      // Hash of the invitation token; the token itself is only in the mail.
      table.string('token_hash', 64).nullable().unique()
      table.timestamp('invited_at').notNullable()
      table.timestamp('accepted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['membership_id', 'email'])
      table.index(['user_id'])
    })

    this.schema.createTable('badges', (table) => {
      table.increments('id')
      table.string('name', 80).notNullable().unique()
      table.string('slug', 80).notNullable().unique()
      table.text('description').nullable()
      // An emoji or a short symbol; no uploads to keep badges light.
      table.string('icon', 16).notNullable().defaultTo('★')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.schema.createTable('member_badges', (table) => {
      table.increments('id')
      table
        .integer('badge_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('badges')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.text('note').nullable()
      table
        .integer('awarded_by_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.timestamp('awarded_at').notNullable()
      table.unique(['badge_id', 'user_id'])
      table.index(['user_id'])
    })

    this.schema.createTable('profile_fields', (table) => {
      table.increments('id')
      table.string('key', 60).notNullable().unique()
      table.string('label', 120).notNullable()
      // text | choice | url | date
      table.string('kind', 16).notNullable()
      // Choice options, one per array item.
      table.json('options').nullable()
      // public | members | board
      table.string('visibility', 16).notNullable().defaultTo('members')
      table.boolean('searchable').notNullable().defaultTo(false)
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.schema.createTable('profile_field_values', (table) => {
      table.increments('id')
      table
        .integer('profile_field_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('profile_fields')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('value', 500).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['user_id', 'profile_field_id'])
      table.index(['profile_field_id', 'value'])
    })

    this.schema.createTable('membership_reminders', (table) => {
      table.increments('id')
      table
        .integer('membership_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('memberships')
        .onDelete('CASCADE')
      // days_30 | days_7 | expiry_day
      table.string('kind', 16).notNullable()
      table.date('expires_on').notNullable()
      table.timestamp('sent_at').notNullable()
      table.unique(['membership_id', 'kind', 'expires_on'])
    })
  }

  async down() {
    this.schema.dropTable('membership_reminders')
    this.schema.dropTable('profile_field_values')
    this.schema.dropTable('profile_fields')
    this.schema.dropTable('member_badges')
    this.schema.dropTable('badges')
    this.schema.dropTable('membership_seats')
    this.schema.dropTable('membership_applications')
    this.schema.dropTable('membership_history')
    this.schema.dropTable('memberships')
    this.schema.dropTable('membership_number_counters')
    this.schema.dropTable('membership_types')
  }
}
