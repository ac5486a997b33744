import { fileTypeFromBuffer, type FileTypeResult } from 'file-type'

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export type ImageType = (typeof IMAGE_TYPES)[number]

/**
 * What a file really is, read from its first bytes. The client's file name and Content-Type
 * are chosen by whoever uploads, so they never decide how a file is treated.
 */
export async function detectFileType(bytes: Uint8Array): Promise<FileTypeResult | undefined> {
  return fileTypeFromBuffer(bytes)
}

export async function detectImageType(bytes: Uint8Array): Promise<ImageType | null> {
  const detected = await detectFileType(bytes)
  return detected && (IMAGE_TYPES as readonly string[]).includes(detected.mime)
    ? (detected.mime as ImageType)
    : null
}

/**
 * A kind of file an upload may be, keyed by the extension its name must end with.
 * `inline` kinds may be shown in the browser; everything else is downloaded.
 */
export interface AllowedFileKind {
  mime: string
  label: string
  inline?: boolean
  /** Text has no magic bytes: it is recognised by being clean UTF-8 instead. */
  text?: boolean
}

export type FileAllowList = Record<string, AllowedFileKind>

// Extensions that name the same content.
const EXTENSION_ALIASES: Record<string, string> = { jpeg: 'jpg', tiff: 'tif' }

export type FileCheck =
  { ok: true; ext: string; kind: AllowedFileKind } | { ok: false; reason: string }

export function extensionOf(fileName: string) {
  const match = /\.([a-z0-9]{1,10})$/i.exec(fileName)
  const ext = match ? match[1].toLowerCase() : ''
  return EXTENSION_ALIASES[ext] ?? ext
}

// Markup that a browser would run if it were ever shown as a page.
const MARKUP =
  /<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|meta|link|style|\?xml)\b/i

/**
 * Checks an uploaded file against an allow-list by what its bytes are. The name only has to
 * agree: a file whose content and extension disagree is refused, so a page or script renamed
 * `.pdf` never gets stored as a PDF.
 */
export async function checkFileAgainst(
  bytes: Uint8Array,
  fileName: string,
  allowList: FileAllowList
): Promise<FileCheck> {
  const named = extensionOf(fileName)
  const accepted = Object.values(allowList)
    .map((kind) => kind.label)
    .filter((label, index, all) => all.indexOf(label) === index)
    .join(', ')
  const detected = await detectFileType(bytes)

  if (detected) {
    const actual = EXTENSION_ALIASES[detected.ext] ?? detected.ext
    const kind = allowList[actual]
    if (!kind || kind.text) {
      return { ok: false, reason: `This kind of file is not accepted. Accepted: ${accepted}.` }
    }
    if (named !== actual) {
      return {
        ok: false,
        reason: `The file's content is ${kind.label}, but its name ends in "${named ? `.${named}` : 'no extension'}". Rename it to .${actual} or choose the right file.`,
      }
    }
    return { ok: true, ext: actual, kind }
  }

  const kind = allowList[named]
  if (!kind) {
    return { ok: false, reason: `This kind of file is not accepted. Accepted: ${accepted}.` }
  }
  if (!kind.text) {
    return {
      ok: false,
      reason: `The file's content is not ${kind.label}, although its name ends in ".${named}".`,
    }
  }
  if (!isPlainText(bytes)) {
    return {
      ok: false,
      reason: `The file is not plain text, although its name ends in ".${named}".`,
    }
  }
  return { ok: true, ext: named, kind }
}

/**
 * Clean UTF-8, no NUL byte, and no web page or script markup near the start.
 */
export function isPlainText(bytes: Uint8Array) {
  if (bytes.includes(0)) return false
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
  return !MARKUP.test(text.slice(0, 4096))
}
