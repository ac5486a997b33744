import contentDisposition from 'content-disposition'

const MAX_NAME_LENGTH = 180

/**
 * A file name fit to show and to hand back in Content-Disposition: only the last path segment
 * (no `../`), no control or reserved characters, no leading dots, bounded length, and the
 * extension of the content, not the one the client claimed.
 */
export function sanitizeFileName(clientName: string | null | undefined, ext: string) {
  const lastSegment = (clientName ?? '').split(/[\\/]/).pop() ?? ''
  let base = lastSegment
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*\\/]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  if (!base) base = 'document'
  const suffix = ext ? `.${ext}` : ''
  return `${[...base].slice(0, MAX_NAME_LENGTH - suffix.length).join('')}${suffix}`
}

/**
 * The RFC 6266 header value: a plain ASCII `filename` (accents dropped) for old clients, and
 * the exact UTF-8 name in `filename*` when it differs.
 */
export function dispositionHeader(fileName: string, inline: boolean) {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
  return contentDisposition(fileName, { type: inline ? 'inline' : 'attachment', fallback: ascii })
}
