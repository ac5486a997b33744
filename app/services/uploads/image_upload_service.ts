import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import { Exception } from '@adonisjs/core/exceptions'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { detectImageType } from '#services/uploads/file_type'

/*
 * sharp (libvips) adds about 20 MB to every process that loads it; most requests and jobs never
 * touch an image, so it is loaded with the first one that does.
 */
async function loadSharp() {
  const { default: sharp } = await import('sharp')
  return (input: Buffer) => sharp(input, { limitInputPixels: 40_000_000 })
}

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
export const MAX_IMAGE_SIZE = '5mb'

/**
 * An upload refused for what it is (type, size, unreadable): the message is safe to show.
 */
export class UploadRejectedError extends Exception {
  static status = 422
  static code = 'E_UPLOAD_REJECTED'
}

export interface ImageVariant {
  width: number
  height: number
  fit: 'cover' | 'inside'
}

/**
 * Stores user-supplied images safely: the type is read from the bytes (never from the name or
 * the Content-Type the client sent), the size is checked on the real bytes, and every image is
 * decoded and re-encoded as WebP at a bounded size, which drops EXIF/GPS metadata and anything
 * smuggled after the pixels. Keys are random; the client's file name is never used.
 */
export default class ImageUploadService {
  static async store(
    file: MultipartFile | null | undefined,
    folder: string,
    variant: ImageVariant
  ) {
    const bytes = await ImageUploadService.#readImage(file)
    const encoded = await ImageUploadService.#encode(bytes, variant)
    const key = `${folder}/${randomUUID()}.webp`
    await drive.use().put(key, encoded, { contentType: 'image/webp' })
    return key
  }

  /**
   * Stores an image for `srcset` (`<base>-<width>.webp`), never enlarging: widths wider than
   * the original are left out, and a small original gets one variant at its own width. Only the
   * widest variant is encoded here; `addNarrowerVariants` makes the others from it, out of the
   * request. Returns the key base, the widest width with its size, and the widths still to make.
   */
  static async storeWidest(
    file: MultipartFile | null | undefined,
    folder: string,
    widths: readonly number[]
  ) {
    const bytes = await ImageUploadService.#readImage(file)
    let originalWidth: number
    try {
      const image = await loadSharp()
      const metadata = await image(bytes).metadata()
      originalWidth = metadata.autoOrient?.width ?? metadata.width
    } catch {
      throw new UploadRejectedError('The image could not be read. It may be damaged.')
    }
    const kept = widths.filter((width) => width <= originalWidth)
    const widest = kept.length ? Math.max(...kept) : originalWidth

    const base = `${folder}/${randomUUID()}`
    const encoded = await ImageUploadService.#encode(bytes, {
      width: widest,
      height: 100_000,
      fit: 'inside',
    })
    await drive.use().put(`${base}-${widest}.webp`, encoded, { contentType: 'image/webp' })
    const image = await loadSharp()
    const metadata = await image(encoded).metadata()
    return {
      base,
      widest,
      pending: kept.filter((width) => width !== widest),
      width: metadata.width,
      height: metadata.height,
    }
  }

  /** The narrower variants of an image stored by `storeWidest`, made from its widest one. */
  static async addNarrowerVariants(base: string, widest: number, widths: readonly number[]) {
    const source = Buffer.from(await drive.use().getBytes(`${base}-${widest}.webp`))
    for (const width of widths) {
      const encoded = await ImageUploadService.#encode(source, {
        width,
        height: 100_000,
        fit: 'inside',
      })
      await drive.use().put(`${base}-${width}.webp`, encoded, { contentType: 'image/webp' })
    }
  }

  static async #readImage(file: MultipartFile | null | undefined) {
    if (!file) {
      throw new UploadRejectedError('Choose an image to upload.')
    }
    if (file.hasErrors || !file.tmpPath) {
      throw new UploadRejectedError(ImageUploadService.#describe(file))
    }
    const bytes = await readFile(file.tmpPath)
    if (bytes.byteLength > MAX_IMAGE_BYTES) {
      throw new UploadRejectedError('The image is larger than 5 MB.')
    }
    if (!(await detectImageType(bytes))) {
      throw new UploadRejectedError('The file is not a PNG, JPEG, WebP or GIF image.')
    }
    return bytes
  }

  static async #encode(bytes: Buffer, variant: ImageVariant) {
    const image = await loadSharp()
    try {
      return await image(bytes)
        .rotate()
        .resize(variant.width, variant.height, {
          fit: variant.fit,
          withoutEnlargement: variant.fit === 'inside',
        })
        .webp({ quality: 82 })
        .toBuffer()
    } catch {
      throw new UploadRejectedError('The image could not be read. It may be damaged.')
    }
  }

  static async read(key: string) {
    const disk = drive.use()
    if (!(await disk.exists(key))) {
      return null
    }
    return Buffer.from(await disk.getBytes(key))
  }

  static async delete(key: string | null | undefined) {
    if (key) {
      await drive.use().delete(key)
    }
  }

  static #describe(file: MultipartFile) {
    const sizeError = file.errors.find((error) => error.type === 'size')
    return sizeError ? 'The image is larger than 5 MB.' : 'The upload failed. Please try again.'
  }
}
