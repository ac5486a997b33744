import { test } from '@japa/runner'
import { writeFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { detectImageType } from '#services/uploads/file_type'
import ImageUploadService, { UploadRejectedError } from '#services/uploads/image_upload_service'
import { htmlPretendingToBePng, pngImage } from '#tests/fixtures/images'

function image(format: 'png' | 'jpeg' | 'webp' | 'gif' | 'tiff') {
  return sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .toFormat(format)
    .toBuffer()
}

/**
 * An upload as the body parser leaves it: bytes in a temporary file, size checks passed.
 */
async function uploaded(bytes: Buffer) {
  const folder = await mkdtemp(join(tmpdir(), 'guildhall-upload-'))
  const tmpPath = join(folder, 'upload')
  await writeFile(tmpPath, bytes)
  return {
    file: {
      tmpPath,
      hasErrors: false,
      errors: [],
      clientName: 'evil.png',
    } as unknown as MultipartFile,
    remove: () => rm(folder, { recursive: true, force: true }),
  }
}

test.group('Uploads / file type by content', () => {
  test('recognises {$self} by its bytes')
    .with(['png', 'jpeg', 'webp', 'gif'] as const)
    .run(async ({ assert }, format) => {
      assert.equal(await detectImageType(await image(format)), `image/${format}`)
    })

  test('refuses what is not an allowed image, whatever its name', async ({ assert }) => {
    assert.isNull(await detectImageType(htmlPretendingToBePng))
    assert.isNull(await detectImageType(await image('tiff')))
    assert.isNull(
      await detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))
    )
    assert.isNull(await detectImageType(Buffer.alloc(0)))
  })
})

test.group('Uploads / image upload service', () => {
  test('checks the size on the bytes received, not only on what the parser reported', async ({
    assert,
  }) => {
    const { file, remove } = await uploaded(
      Buffer.concat([await pngImage(), Buffer.alloc(5 * 1024 * 1024)])
    )
    try {
      await assert.rejects(
        () => ImageUploadService.store(file, 'avatars', { width: 64, height: 64, fit: 'cover' }),
        'The image is larger than 5 MB.'
      )
    } finally {
      await remove()
    }
  })

  test('a file with an image header but broken content is refused with a clear message', async ({
    assert,
  }) => {
    const png = await pngImage()
    const { file, remove } = await uploaded(Buffer.concat([png.subarray(0, 64), Buffer.alloc(512)]))
    try {
      const error = await ImageUploadService.store(file, 'avatars', {
        width: 64,
        height: 64,
        fit: 'cover',
      }).catch((e) => e)
      assert.instanceOf(error, UploadRejectedError)
      assert.equal(error.status, 422)
      assert.equal(error.message, 'The image could not be read. It may be damaged.')
    } finally {
      await remove()
    }
  })

  test('stores a re-encoded WebP under a random key and deletes it', async ({ assert }) => {
    const { file, remove } = await uploaded(await pngImage(100, 50))
    try {
      const key = await ImageUploadService.store(file, 'covers', {
        width: 80,
        height: 80,
        fit: 'inside',
      })
      assert.match(key, /^covers\/[0-9a-f-]{36}\.webp$/)
      const stored = await sharp((await ImageUploadService.read(key))!).metadata()
      assert.deepInclude(stored, { format: 'webp', width: 80, height: 40 })
      await ImageUploadService.delete(key)
      assert.isNull(await ImageUploadService.read(key))
    } finally {
      await remove()
    }
  })
})
