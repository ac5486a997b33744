import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Members' professional information (filled from an approved application, edited by the member)
 * and the directory's indexes: a full-text index over the shown name and the professional
 * fields, a case-insensitive name index for sorting and keyset pagination, and the "member
 * since" keyset index.
 *
 * The full-text index (`member_search`, one row per user) is kept in sync by triggers, so
 * every writer (account page, approvals, imports, seeders) keeps it right without knowing it
 * exists. SQLite holds it in an FTS5 table whose rowid is the user id; PostgreSQL in a table
 * with a generated tsvector column under a GIN index.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('member_profiles', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('institution', 200).nullable()
      table.string('position', 120).nullable()
      table.string('field', 120).nullable()
      table.string('degrees', 200).nullable()
      table.string('website', 300).nullable()
      table.string('orcid', 19).nullable()
      table.text('interests').nullable()
      // ISO 3166-1 alpha-2, upper case.
      table.string('country', 2).nullable().index()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').nullable()
    })

    // The directory lists active accounts by the name they are shown under, lower-cased; the
    // index serves the filter, the order and the keyset seek at once (no sort, no OFFSET).
    this.schema.raw(
      `create index users_directory_name_index on users (status, lower(coalesce(nullif(display_name, ''), full_name)), id)`
    )
    // "Member since" order, over the memberships the directory lists.
    this.schema.raw(
      `create index memberships_directory_since_index on memberships (started_on, user_id) where status in ('active', 'grace')`
    )

    if (this.db.dialect.name === 'postgres') {
      this.#createPostgresSearch()
    } else {
      this.#createSqliteSearch()
    }
  }

  #createSqliteSearch() {
    const shownName = (row: string) => `coalesce(nullif(${row}.display_name, ''), ${row}.full_name)`
    this.schema.raw(
      `create virtual table member_search using fts5(name, institution, field, interests, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`
    )
    this.schema.raw(
      `insert into member_search (rowid, name, institution, field, interests)
       select u.id, ${shownName('u')}, mp.institution, mp.field, mp.interests
       from users u left join member_profiles mp on mp.user_id = u.id`
    )
    this.schema.raw(
      `create trigger member_search_user_insert after insert on users begin
         insert into member_search (rowid, name) values (new.id, ${shownName('new')});
       end`
    )
    this.schema.raw(
      `create trigger member_search_user_rename after update of full_name, display_name on users begin
         update member_search set name = ${shownName('new')} where rowid = new.id;
       end`
    )
    this.schema.raw(
      `create trigger member_search_user_delete after delete on users begin
         delete from member_search where rowid = old.id;
       end`
    )
    this.schema.raw(
      `create trigger member_search_profile_insert after insert on member_profiles begin
         update member_search set institution = new.institution, field = new.field, interests = new.interests
         where rowid = new.user_id;
       end`
    )
    this.schema.raw(
      `create trigger member_search_profile_update after update on member_profiles begin
         update member_search set institution = new.institution, field = new.field, interests = new.interests
         where rowid = new.user_id;
       end`
    )
    this.schema.raw(
      `create trigger member_search_profile_delete after delete on member_profiles begin
         update member_search set institution = null, field = null, interests = null
         where rowid = old.user_id;
       end`
    )
  }

  #createPostgresSearch() {
    this.schema.raw(
      `create table member_search (
         user_id integer primary key references users (id) on delete cascade,
         name text,
         institution text,
         field text,
         interests text,
         document tsvector generated always as (
           setweight(to_tsvector('simple', coalesce(name, '')), 'A') ||
           setweight(to_tsvector('simple', coalesce(institution, '') || ' ' || coalesce(field, '')), 'B') ||
           setweight(to_tsvector('simple', coalesce(interests, '')), 'C')
         ) stored
       )`
    )
    this.schema.raw(
      `create index member_search_document_index on member_search using gin (document)`
    )
    this.schema.raw(
      `insert into member_search (user_id, name, institution, field, interests)
       select u.id, coalesce(nullif(u.display_name, ''), u.full_name), mp.institution, mp.field, mp.interests
       from users u left join member_profiles mp on mp.user_id = u.id`
    )
    this.schema.raw(
      `create function member_search_sync_user() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' then
           insert into member_search (user_id, name)
           values (new.id, coalesce(nullif(new.display_name, ''), new.full_name));
         else
           update member_search set name = coalesce(nullif(new.display_name, ''), new.full_name)
           where user_id = new.id;
         end if;
         return null;
       end $$`
    )
    this.schema.raw(
      `create trigger member_search_user after insert or update of full_name, display_name on users
       for each row execute function member_search_sync_user()`
    )
    this.schema.raw(
      `create function member_search_sync_profile() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' then
           update member_search set institution = null, field = null, interests = null
           where user_id = old.user_id;
         else
           update member_search
           set institution = new.institution, field = new.field, interests = new.interests
           where user_id = new.user_id;
         end if;
         return null;
       end $$`
    )
    this.schema.raw(
      `create trigger member_search_profile after insert or update or delete on member_profiles
       for each row execute function member_search_sync_profile()`
    )
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      this.schema.raw('drop trigger if exists member_search_profile on member_profiles')
      this.schema.raw('drop trigger if exists member_search_user on users')
      this.schema.raw('drop function if exists member_search_sync_profile()')
      this.schema.raw('drop function if exists member_search_sync_user()')
    } else {
      for (const trigger of [
        'member_search_user_insert',
        'member_search_user_rename',
        'member_search_user_delete',
        'member_search_profile_insert',
        'member_search_profile_update',
        'member_search_profile_delete',
      ]) {
        this.schema.raw(`drop trigger if exists ${trigger}`)
      }
    }
    this.schema.raw('drop table if exists member_search')
    this.schema.raw('drop index if exists memberships_directory_since_index')
    this.schema.raw('drop index if exists users_directory_name_index')
    this.schema.dropTable('member_profiles')
  }
}
