/** `value` with the LIKE wildcards (and the escape character) taken literally. */
export function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`)
}

/**
 * A pattern that finds `value` anywhere, for `lower(column) like ? escape '\'`: the escape
 * clause must be written out, since SQLite has no default escape character (a search for
 * "50%" would otherwise find nothing there).
 */
export function containsPattern(value: string) {
  return `%${escapeLike(value.toLowerCase())}%`
}
