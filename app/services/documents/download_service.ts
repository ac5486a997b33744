import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HttpContext } from '@adonisjs/core/http'
import drive from '@adonisjs/drive/services/main'
import { FSDriver } from '@adonisjs/drive/drivers/fs'
import db from '@adonisjs/lucid/services/db'
import DocumentDownload from '#models/document_download'
import type Document from '#models/document'
import type DocumentVersion from '#models/document_version'
import type User from '#models/user'
import { dispositionHeader } from '#services/documents/file_names'
import { isInlineType } from '#services/documents/document_files'

const SIGNED_URL_TTL = '2 minutes'

type ByteRange = { start: number; end: number } | 'unsatisfiable' | null

/**
 * One `bytes=start-end` range (also `start-` and `-suffix`); several ranges are answered
 * with the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  let start: number
  let end: number
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]))
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (start >= size || start > end) return 'unsatisfiable'
  return { start, end }
}

/**
 * Serves a version the caller was authorised to read, and records the download. On the fs
 * disk the file is streamed by the app (with Range support); on S3 the browser is sent to a
 * short-lived signed URL carrying the same headers.
 */
export default class DownloadService {
  static async record(document: Document, version: DocumentVersion, user: User | null) {
    await DocumentDownload.create({
      documentId: document.id,
      documentVersionId: version.id,
      userId: user?.id ?? null,
    })
  }

  static async send(
    { request, response }: HttpContext,
    document: Document,
    version: DocumentVersion,
    user: User | null
  ) {
    const inline = isInlineType(version.mimeType)
    const disposition = dispositionHeader(version.fileName, inline)
    const disk = drive.use()

    if (!(disk.driver instanceof FSDriver)) {
      await DownloadService.record(document, version, user)
      const url = await disk.getSignedUrl(version.driveKey, {
        expiresIn: SIGNED_URL_TTL,
        contentType: version.mimeType,
        contentDisposition: disposition,
      })
      response.header('Cache-Control', 'no-store')
      return response.redirect(url)
    }

    const location = disk.driver.options.location
    const path = join(
      location instanceof URL ? fileURLToPath(location) : location,
      version.driveKey
    )
    const { size } = await stat(path)
    response.header('Content-Type', version.mimeType)
    response.header('Content-Disposition', disposition)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Accept-Ranges', 'bytes')
    response.header('Cache-Control', 'private, no-store')
    response.header('ETag', `"${version.checksum}"`)

    const range = parseRange(request.header('range'), size)
    if (range === 'unsatisfiable') {
      response.header('Content-Range', `bytes */${size}`)
      return response.status(416).send('')
    }
    // A resumed download continues the one already counted; a HEAD request downloads nothing.
    if ((!range || range.start === 0) && request.method() === 'GET') {
      await DownloadService.record(document, version, user)
    }
    if (range) {
      response.status(206)
      response.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
      response.header('Content-Length', String(range.end - range.start + 1))
      return response.stream(createReadStream(path, { start: range.start, end: range.end }))
    }
    response.header('Content-Length', String(size))
    return response.stream(createReadStream(path))
  }

  /** Download counts per version of one document, for its editors. */
  static async countsByVersion(document: Document) {
    const rows = await db
      .from('document_downloads')
      .where('document_id', document.id)
      .groupBy('document_version_id')
      .select('document_version_id')
      .count('* as total')
    return new Map<number, number>(
      rows.map((row: { document_version_id: number; total: string | number }) => [
        Number(row.document_version_id),
        Number(row.total),
      ])
    )
  }

  static recent(document: Document, limit = 20) {
    return DocumentDownload.query()
      .where('document_id', document.id)
      .preload('user')
      .preload('version')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
  }
}
