/**
 * Turns what someone typed into a full-text query. Only letters and digits survive, so nothing
 * the user types can reach the FTS5 or tsquery syntax; every word is a prefix and all must
 * match ("ada lov" finds Ada Lovelace).
 */
const MAX_TERMS = 8

export function searchTerms(input: string | null | undefined) {
  if (!input) return []
  return (
    input
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).slice(0, MAX_TERMS)
}

export function sqliteMatch(terms: string[]) {
  return terms.map((term) => `"${term}"*`).join(' ')
}

export function postgresTsquery(terms: string[]) {
  return terms.map((term) => `${term}:*`).join(' & ')
}
