/**
 * How many rows an update or delete of the query builder changed: the drivers answer with the
 * number, or with an array that holds it.
 */
export function affectedRows(result: unknown) {
  return Number(Array.isArray(result) ? result[0] : result)
}
