import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { defineConfig } from '@adonisjs/lucid'
import { prepareSqliteConnection } from '#database/sqlite_connection'

/*
 * SQLite in a file under tmp/ needs no setup; DB_CONNECTION=postgres switches to PostgreSQL.
 * Both connections share the same migrations, so the schema is identical.
 */
const migrations = { naturalSort: true, paths: ['database/migrations'] }

// database/schema.ts is regenerated when developers migrate; test and production runs leave
// the committed file alone. The directory's full-text index is not a model (on SQLite it is an
// FTS5 table with shadow tables).
const schemaGeneration = {
  enabled: app.inDev,
  excludeTables: [
    'member_search',
    'member_search_config',
    'member_search_content',
    'member_search_data',
    'member_search_docsize',
    'member_search_idx',
  ],
}

const sqliteFile = env.get('SQLITE_FILE') ?? app.tmpPath(app.inTest ? 'test.sqlite3' : 'db.sqlite3')
mkdirSync(dirname(sqliteFile), { recursive: true })

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: true,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile,
      },
      pool: {
        afterCreate: (
          connection: Parameters<typeof prepareSqliteConnection>[0],
          done: (error: Error | null, connection: unknown) => void
        ) => {
          prepareSqliteConnection(connection)
          done(null, connection)
        },
      },
      useNullAsDefault: true,
      migrations,
      schemaGeneration,
      debug: false,
    },
    postgres: {
      client: 'pg',
      connection: {
        host: env.get('PG_HOST', '127.0.0.1'),
        port: env.get('PG_PORT', 5432),
        user: env.get('PG_USER', 'postgres'),
        password: env.get('PG_PASSWORD'),
        database: env.get('PG_DB_NAME', 'guildhall'),
      },
      migrations,
      schemaGeneration,
      debug: false,
    },
  },
})

export default dbConfig
