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
