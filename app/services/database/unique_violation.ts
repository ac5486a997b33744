/**
 * Whether a write failed on a unique index: PostgreSQL reports SQLSTATE 23505, SQLite a
 * constraint code naming the unique (or primary) key.
 */
export function isUniqueViolation(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  )
}
