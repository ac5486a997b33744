import { createRequire } from 'node:module'
import { test } from '@japa/runner'
import { prepareSqliteConnection } from '#database/sqlite_connection'

// The driver ships without types; the test needs a handful of calls.
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')

function connection() {
  const database = new Database(':memory:')
  prepareSqliteConnection(database)
  database.exec('create table notes (id integer primary key, body text)')
  database.prepare('insert into notes (body) values (?)').run('first')
  database.prepare('insert into notes (body) values (?)').run('second')
  return database
}

test.group('SQLite connections', () => {
  test('the same query reuses its compiled statement', ({ assert }) => {
    const database = connection()
    const select = 'select body from notes where id = ?'
    assert.strictEqual(database.prepare(select), database.prepare(select))
    assert.notStrictEqual(database.prepare(select), database.prepare('select id from notes'))
    assert.deepEqual(database.prepare(select).get(2), { body: 'second' })
  })

  test('a statement still being iterated is not handed out again', ({ assert }) => {
    const database = connection()
    const select = 'select body from notes order by id'
    const rows = database.prepare(select).iterate()
    assert.deepEqual(rows.next().value, { body: 'first' })
    assert.deepEqual(database.prepare(select).all(), [{ body: 'first' }, { body: 'second' }])
    assert.deepEqual(rows.next().value, { body: 'second' })
    rows.return()
  })

  test('kept statements follow schema changes', ({ assert }) => {
    const database = connection()
    const select = 'select * from notes where id = 1'
    assert.deepEqual(database.prepare(select).get(), { id: 1, body: 'first' })
    database.exec("alter table notes add column author text default 'ada'")
    assert.deepEqual(database.prepare(select).get(), { id: 1, body: 'first', author: 'ada' })
  })

  test('the least recently used statements make room for new ones', ({ assert }) => {
    const database = connection()
    const first = database.prepare('select 0')
    for (let index = 1; index <= 600; index++) database.prepare(`select ${index}`)
    assert.notStrictEqual(database.prepare('select 0'), first)
    const recent = database.prepare('select 600')
    assert.strictEqual(database.prepare('select 600'), recent)
  })

  test('connections enforce foreign keys and sync at checkpoints, not every commit', ({
    assert,
  }) => {
    const database = connection()
    assert.equal(database.pragma('foreign_keys', { simple: true }), 1)
    assert.equal(database.pragma('synchronous', { simple: true }), 1)
  })
})
