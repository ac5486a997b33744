import { test } from '@japa/runner'
import { createServer, type Server } from 'node:net'
import { isolateDatabase } from '#tests/helpers/database'
import Document from '#models/document'
import env from '#start/env'
import {
  deleteFilesOf,
  makeFolder,
  minimalPdf,
  roles,
  uploadDocument,
  versionsOf,
} from '#tests/functional/documents/helpers'

const EICAR_MARKER = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE'

/**
 * A tiny clamd speaking INSTREAM: reads the length-prefixed chunks up to the zero-length one,
 * then answers like clamd does, finding the EICAR marker if the bytes contain it.
 */
async function fakeClamd() {
  const received: Buffer[] = []
  const server: Server = createServer((socket) => {
    let buffer = Buffer.alloc(0)
    let commandRead = false
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data])
      if (!commandRead) {
        const end = buffer.indexOf(0)
        if (end === -1) return
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') return socket.destroy()
        buffer = buffer.subarray(end + 1)
        commandRead = true
      }
      const chunks: Buffer[] = []
      let offset = 0
      while (buffer.length - offset >= 4) {
        const size = buffer.readUInt32BE(offset)
        if (size === 0) {
          const stream = Buffer.concat(chunks)
          received.push(stream)
          socket.end(
            stream.includes(EICAR_MARKER) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0'
          )
          return
        }
        if (buffer.length - offset - 4 < size) break
        chunks.push(buffer.subarray(offset + 4, offset + 4 + size))
        offset += 4 + size
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Has uploads scanned by the clamd listening on `port` of this machine. */
function scanWith(port: number) {
  env.set('CLAMD_HOST', '127.0.0.1')
  env.set('CLAMD_PORT', port)
}

test.group('Documents / virus scan', (group) => {
  isolateDatabase(group)

  group.each.setup(() => {
    return () => {
      env.set('CLAMD_HOST', '')
    }
  })

  test('with CLAMD_HOST set, a clean upload is scanned and marked clean', async ({
    client,
    assert,
    cleanup,
  }) => {
    const clamd = await fakeClamd()
    cleanup(() => clamd.close())
    scanWith(clamd.port)
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const pdf = minimalPdf('Clean')

    const response = await uploadDocument(client, board, folder, {
      file: pdf,
      filename: 'clean.pdf',
      title: 'Clean file',
    })
    response.assertStatus(302)
    const document = await Document.findByOrFail('title', 'Clean file')
    cleanup(() => deleteFilesOf(document))
    const [version] = await versionsOf(document)
    assert.equal(version.scanStatus, 'clean')
    assert.deepEqual(clamd.received, [pdf])
  })

  test('an infected upload is refused and nothing is stored', async ({
    client,
    assert,
    cleanup,
  }) => {
    const clamd = await fakeClamd()
    cleanup(() => clamd.close())
    scanWith(clamd.port)
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const infected = Buffer.concat([minimalPdf(), Buffer.from(`% ${EICAR_MARKER}\n`)])

    const response = await uploadDocument(client, board, folder, {
      file: infected,
      filename: 'infected.pdf',
      title: 'Infected file',
    })
    response.assertStatus(422)
    response.assertTextIncludes('The virus scanner found a threat in this file.')
    assert.isNull(await Document.findBy('title', 'Infected file'))
  })

  test('when clamd cannot be reached the upload is refused, not stored unscanned', async ({
    client,
    assert,
  }) => {
    const clamd = await fakeClamd()
    const port = clamd.port
    await clamd.close()
    scanWith(port)
    const board = await roles.board()
    const folder = await makeFolder('Minutes', 'members')
    const response = await uploadDocument(client, board, folder, {
      file: minimalPdf(),
      filename: 'a.pdf',
      title: 'Unscannable',
    })
    response.assertStatus(503)
    response.assertTextIncludes('could not be checked for viruses')
    assert.isNull(await Document.findBy('title', 'Unscannable'))
  })
})
