import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Events: recurring series, events with their seat counter, organiser questions,
 * registrations (with tickets and check-ins), reminders recorded once per attendee and start
 * time, and the hashed secret of each member's personal calendar feed.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('event_series', (table) => {
      table.increments('id')
      table.string('rule', 300).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.schema.createTable('events', (table) => {
      table.increments('id')
      table
        .integer('series_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('event_series')
        .onDelete('SET NULL')
        .index()
      table.string('title', 200).notNullable()
      // Markdown as written, and the sanitized HTML made from it on save (the only one rendered).
      table.text('description_source').notNullable()
      table.text('description_html').notNullable()
      table.string('category', 60).nullable().index()
      table.timestamp('starts_at').notNullable().index()
      table.timestamp('ends_at').notNullable().index()
      table.string('timezone', 64).notNullable()
      table.string('location_address', 300).nullable()
      table.string('online_url', 500).nullable()
      table.string('visibility', 16).notNullable().defaultTo('members').index()
      table.string('status', 16).notNullable().defaultTo('draft').index()
      table.string('eligibility', 16).notNullable().defaultTo('signed_in')
      table.integer('capacity').unsigned().nullable()
      // Seats held by registered people and their guests; changed only by conditional updates.
      table.integer('seats_taken').unsigned().notNullable().defaultTo(0)
      table.integer('max_guests').unsigned().notNullable().defaultTo(0)
      table.timestamp('registration_deadline').nullable()
      table.integer('reminder_minutes').unsigned().notNullable().defaultTo(1440)
      table
        .integer('organiser_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
        .index()
      table.string('organiser_contact', 200).nullable()
      table.string('cover_image_key', 120).nullable()
      table.text('cancellation_message').nullable()
      table.timestamp('cancelled_at').nullable()
      // iCalendar SEQUENCE: bumped when the date, place or status changes.
      table.integer('sequence').unsigned().notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable().index()
    })

    this.schema.createTable('event_questions', (table) => {
      table.increments('id')
      table
        .integer('event_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('events')
        .onDelete('CASCADE')
        .index()
      table.string('label', 200).notNullable()
      table.boolean('required').notNullable().defaultTo(false)
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    this.schema.createTable('event_registrations', (table) => {
      table.increments('id')
      table
        .integer('event_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('events')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
        .index()
      table.string('status', 16).notNullable().index()
      table.integer('guests').unsigned().notNullable().defaultTo(0)
      table.text('answers').nullable()
      table.string('ticket_code', 16).notNullable().unique()
      table.timestamp('waitlisted_at').nullable()
      table.timestamp('checked_in_at').nullable()
      table.timestamp('cancelled_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
      table.unique(['event_id', 'user_id'])
      table.index(['event_id', 'status', 'waitlisted_at'])
    })

    this.schema.createTable('event_reminders', (table) => {
      table.increments('id')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('event_registrations')
        .onDelete('CASCADE')
      table.string('kind', 16).notNullable()
      // The start time the reminder was for: a moved event gets a new reminder.
      table.timestamp('starts_at').notNullable()
      table.timestamp('dispatched_at').nullable()
      table.timestamp('sent_at').nullable().index()
      table.timestamp('created_at').notNullable()
      table.unique(['registration_id', 'kind', 'starts_at'])
    })

    this.schema.createTable('calendar_feed_tokens', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
        .unique()
      table.string('token_hash', 64).notNullable().unique()
      table.boolean('include_members_events').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable('calendar_feed_tokens')
    this.schema.dropTable('event_reminders')
    this.schema.dropTable('event_registrations')
    this.schema.dropTable('event_questions')
    this.schema.dropTable('events')
    this.schema.dropTable('event_series')
  }
}
