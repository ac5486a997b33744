/**
 * Keyset cursors for the directory: the (sort key, user id) of the last row of a page, opaque
 * to the browser. A cursor that does not decode is treated as absent (first page), never as an
 * error, since it only ever comes from a link the site made.
 */
export interface DirectoryCursor {
  key: string
  id: number
}

export function encodeCursor(cursor: DirectoryCursor) {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url')
}

export function decodeCursor(value: string | null | undefined): DirectoryCursor | null {
  if (!value) return null
  try {
    const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      decoded[0].length <= 300 &&
      Number.isSafeInteger(decoded[1]) &&
      decoded[1] > 0
    ) {
      return { key: decoded[0], id: decoded[1] }
    }
  } catch {
    // Falls through to "no cursor".
  }
  return null
}
