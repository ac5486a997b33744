import db from '@adonisjs/lucid/services/db'

/**
 * The SQL statements sent while `work` runs, for tests that hold a page to a number of
 * queries. Tests share one connection (tests/helpers/database.ts), whose client reports them.
 */
export async function queriesDuring(work: () => Promise<unknown>) {
  const statements: string[] = []
  const record = (query: { sql: string }) => statements.push(query.sql)
  const knex = db.connection().getWriteClient()
  knex.on('query', record)
  try {
    await work()
  } finally {
    knex.removeListener('query', record)
  }
  return statements
}

/** How many of `statements` read from or write to `table`. */
export function touching(statements: string[], table: string) {
  const pattern = new RegExp(`(from|into|update|join)\\s+["\`]?${table}["\`]?(\\s|$)`, 'i')
  return statements.filter((sql) => pattern.test(sql)).length
}
