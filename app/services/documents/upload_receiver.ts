import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import app from '@adonisjs/core/services/app'
import type { HttpRequest } from '@adonisjs/core/http'
import { UploadRejectedError } from '#services/uploads/image_upload_service'
import env from '#start/env'

export const UPLOAD_FIELD = 'file'

export function maxUploadBytes() {
  return env.get('DOCUMENTS_MAX_UPLOAD_MB', 20) * 1024 * 1024
}

export function maxUploadLabel() {
  return `${env.get('DOCUMENTS_MAX_UPLOAD_MB', 20)} MB`
}

/**
 * A file received into a temporary file, with what was learnt while streaming it.
 */
export interface ReceivedFile {
  tmpPath: string
  clientName: string
  size: number
  checksum: string
  discard(): Promise<void>
}

/**
 * Reads a multipart upload as it arrives (the route is in bodyparser's `processManually`), so
 * the size limit is enforced on the bytes while they stream: past the limit the part is cut
 * off and its temporary file removed, and a request much larger than the limit is aborted.
 * The SHA-256 checksum is computed on the way.
 */
export async function receiveUpload(request: HttpRequest): Promise<ReceivedFile | null> {
  // A form sent without a file part (or not as multipart) simply has no file.
  if (!request.is(['multipart/form-data']) || !request.multipart) return null
  const limit = maxUploadBytes()
  const directory = app.tmpPath('document-uploads')
  await mkdir(directory, { recursive: true })
  const tmpPath = `${directory}/${randomUUID()}`
  const discard = () => rm(tmpPath, { force: true })

  let received: Omit<ReceivedFile, 'discard' | 'tmpPath'> | null = null
  let taken = false

  request.multipart.onFile(UPLOAD_FIELD, { size: limit }, async (part, reportChunk) => {
    if (taken) {
      part.resume()
      return
    }
    taken = true
    const hash = createHash('sha256')
    let size = 0
    const meter = new Transform({
      async transform(chunk: Buffer, _encoding, callback) {
        try {
          await reportChunk(chunk)
          hash.update(chunk)
          size += chunk.length
          callback(null, chunk)
        } catch (error) {
          callback(error as Error)
        }
      },
    })
    await pipeline(part, meter, createWriteStream(tmpPath))
    received = { clientName: part.filename ?? '', size, checksum: hash.digest('hex') }
  })

  try {
    // Room for the other form fields around the file.
    await request.multipart.process({ limit: limit + 256 * 1024 })
  } catch (error) {
    await discard()
    if ((error as { code?: string }).code === 'E_REQUEST_ENTITY_TOO_LARGE') {
      throw new UploadRejectedError(`The file is larger than ${maxUploadLabel()}.`, {
        status: 413,
      })
    }
    throw error
  }

  const file = request.file(UPLOAD_FIELD)
  if (file?.hasErrors) {
    await discard()
    const tooLarge = file.errors.some((error) => error.type === 'size')
    throw new UploadRejectedError(
      tooLarge
        ? `The file is larger than ${maxUploadLabel()}.`
        : 'The upload failed. Please try again.',
      { status: tooLarge ? 413 : 422 }
    )
  }
  if (!received) {
    await discard()
    return null
  }
  const done: Omit<ReceivedFile, 'discard' | 'tmpPath'> = received
  if (done.size === 0) {
    await discard()
    throw new UploadRejectedError('The file is empty.')
  }
  return { ...done, tmpPath, discard }
}
