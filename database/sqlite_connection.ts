/*
 * How every SQLite connection of the pool is set up (config/database.ts, `afterCreate`).
 */

interface SqliteStatement {
  busy: boolean
}

interface SqliteConnection {
  pragma(source: string): unknown
  prepare(sql: string): SqliteStatement
}

// Enough for every distinct query the portal sends in a busy minute; lists of ids (`in (?, ?)`)
// of every length are distinct statements, hence a bound.
const CACHED_STATEMENTS = 500

/**
 * Keeps the statements of a connection compiled. The query builder asks SQLite to compile each
 * query anew, which costs as much as running it for the short queries of a page (a third of the
 * member directory's database time). SQLite recompiles a kept statement by itself when the
 * schema changes. A statement still being iterated is never handed out twice.
 */
function cacheStatements(connection: SqliteConnection) {
  const prepare = connection.prepare.bind(connection)
  const statements = new Map<string, SqliteStatement>()
  connection.prepare = (sql: string) => {
    const kept = statements.get(sql)
    if (kept && !kept.busy) {
      // Re-inserted so the map's order is least recently used first.
      statements.delete(sql)
      statements.set(sql, kept)
      return kept
    }
    const statement = prepare(sql)
    if (!kept) {
      if (statements.size >= CACHED_STATEMENTS) statements.delete(statements.keys().next().value!)
      statements.set(sql, statement)
    }
    return statement
  }
}

export function prepareSqliteConnection(connection: SqliteConnection) {
  // WAL lets readers proceed during a write; the busy timeout makes concurrent writers (the web
  // process and the queue worker) wait for the lock instead of failing.
  connection.pragma('journal_mode = WAL')
  connection.pragma('busy_timeout = 5000')
  connection.pragma('foreign_keys = ON')
  connection.pragma('synchronous = NORMAL')
  cacheStatements(connection)
}
