import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import { checkFileAgainst, type FileAllowList } from '#services/uploads/file_type'
import { UploadRejectedError } from '#services/uploads/image_upload_service'
import ClamdScanner from '#services/documents/clamd_scanner'
import { sanitizeFileName } from '#services/documents/file_names'
import type { ReceivedFile } from '#services/documents/upload_receiver'
import type { ScanStatus } from '#models/document_version'

/**
 * What the library accepts, decided by content: PDF, Office Open XML, OpenDocument, common
 * images, plain text and CSV. PDF and images may be shown in the browser; the rest download.
 */
export const DOCUMENT_FILE_KINDS: FileAllowList = {
  pdf: { mime: 'application/pdf', label: 'PDF', inline: true },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (.docx)',
  },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (.xlsx)',
  },
  pptx: {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint (.pptx)',
  },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text (.odt)' },
  ods: {
    mime: 'application/vnd.oasis.opendocument.spreadsheet',
    label: 'OpenDocument spreadsheet (.ods)',
  },
  odp: {
    mime: 'application/vnd.oasis.opendocument.presentation',
    label: 'OpenDocument presentation (.odp)',
  },
  png: { mime: 'image/png', label: 'PNG image', inline: true },
  jpg: { mime: 'image/jpeg', label: 'JPEG image', inline: true },
  gif: { mime: 'image/gif', label: 'GIF image', inline: true },
  webp: { mime: 'image/webp', label: 'WebP image', inline: true },
  txt: { mime: 'text/plain; charset=utf-8', label: 'plain text (.txt)', text: true },
  csv: { mime: 'text/csv; charset=utf-8', label: 'CSV (.csv)', text: true },
}

export const ACCEPT_ATTRIBUTE = Object.keys(DOCUMENT_FILE_KINDS)
  .map((ext) => `.${ext}`)
  .concat('.jpeg')
  .join(',')

export function isInlineType(mime: string) {
  return Object.values(DOCUMENT_FILE_KINDS).some((kind) => kind.mime === mime && kind.inline)
}

export interface StoredFile {
  driveKey: string
  fileName: string
  mimeType: string
  sizeBytes: number
  checksum: string
  scanStatus: ScanStatus
}

/**
 * Turns a received upload into a stored file: type checked by content, scanned by clamd when
 * configured, then put on the drive under a random key. The temporary file is always removed.
 */
export default class DocumentFiles {
  static async accept(received: ReceivedFile): Promise<StoredFile> {
    try {
      const bytes = await readFile(received.tmpPath)
      const check = await checkFileAgainst(bytes, received.clientName, DOCUMENT_FILE_KINDS)
      if (!check.ok) {
        throw new UploadRejectedError(check.reason)
      }

      let scanStatus: ScanStatus = 'unscanned'
      if (ClamdScanner.enabled) {
        let result
        try {
          result = await ClamdScanner.scanFile(received.tmpPath)
        } catch (error) {
          logger.error({ err: error }, 'virus scan unavailable; upload refused')
          throw new UploadRejectedError(
            'The file could not be checked for viruses right now. Please try again later.',
            { status: 503 }
          )
        }
        if (result.status === 'infected') {
          logger.warn({ signature: result.signature }, 'infected upload refused')
          throw new UploadRejectedError('The virus scanner found a threat in this file.')
        }
        scanStatus = 'clean'
      }

      const driveKey = `documents/${randomUUID()}.${check.ext}`
      await drive.use().putStream(driveKey, createReadStream(received.tmpPath), {
        contentType: check.kind.mime,
      })
      return {
        driveKey,
        fileName: sanitizeFileName(received.clientName, check.ext),
        mimeType: check.kind.mime,
        sizeBytes: received.size,
        checksum: received.checksum,
        scanStatus,
      }
    } finally {
      await received.discard()
    }
  }

  static async delete(keys: string[]) {
    const disk = drive.use()
    await Promise.all(keys.map((key) => disk.delete(key)))
  }
}
