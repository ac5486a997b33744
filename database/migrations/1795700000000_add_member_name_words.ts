import { BaseSchema } from '@adonisjs/lucid/schema'

const SHOWN_NAME = "coalesce(nullif(NEW.display_name, ''), NEW.full_name)"
const PROFILE_TEXT =
  "coalesce(institution, '') || ' ' || coalesce(field, '') || ' ' || coalesce(interests, '')"

/**
 * PostgreSQL: a one-word search reads its matches from the full-text index, which points at
 * each matching member's whole search row; reading those rows is most of the time of a search
 * whose prefix many names share (2,000 members for "lov"). One row per word of each shown name,
 * with the name's sort key beside the word, answers the name part from the index alone, already
 * keyed for the directory's order; institution, field and interests get a full-text index of
 * their own for the rest. SQLite's FTS5 index serves both already.
 *
 * Words are the name's runs of letters and digits, lower-cased, as the directory's search terms
 * are; `word` compares bytewise so that its index serves `like 'prefix%'`. A trigger on the
 * users table keeps the rows right for every writer.
 */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw(
      `create table member_name_words (
         word text collate "C" not null,
         user_id integer not null references users (id) on delete cascade,
         name_key text not null,
         primary key (word, user_id) include (name_key)
       )`
    )
    this.schema.raw('create index member_name_words_user_id_index on member_name_words (user_id)')
    this.schema.raw(
      `create function member_name_words_sync() returns trigger language plpgsql as $$
       begin
         if tg_op = 'UPDATE' then
           delete from member_name_words where user_id = OLD.id;
         end if;
         insert into member_name_words (word, user_id, name_key)
         select distinct word, NEW.id, lower(${SHOWN_NAME})
         from regexp_split_to_table(lower(${SHOWN_NAME}), '[^[:alnum:]]+') as word
         where word <> '';
         return null;
       end $$`
    )
    this.schema.raw(
      `create trigger member_name_words_sync after insert or update of full_name, display_name
       on users for each row execute function member_name_words_sync()`
    )
    this.schema.raw(
      `insert into member_name_words (word, user_id, name_key)
       select distinct word, users.id, lower(coalesce(nullif(users.display_name, ''), users.full_name))
       from users, regexp_split_to_table(
         lower(coalesce(nullif(users.display_name, ''), users.full_name)), '[^[:alnum:]]+'
       ) as word
       where word <> ''`
    )
    this.schema.raw(
      `create index member_search_profile_index on member_search
       using gin (to_tsvector('simple', ${PROFILE_TEXT}))`
    )
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.schema.raw('drop index if exists member_search_profile_index')
    this.schema.raw('drop trigger if exists member_name_words_sync on users')
    this.schema.raw('drop function if exists member_name_words_sync()')
    this.schema.raw('drop table if exists member_name_words')
  }
}
