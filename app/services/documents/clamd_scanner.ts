import { createConnection } from 'node:net'
import { createReadStream } from 'node:fs'
import env from '#start/env'

export type ScanResult = { status: 'clean' } | { status: 'infected'; signature: string }

const CHUNK = 64 * 1024
const TIMEOUT_MS = 30_000

/**
 * Scans a file with clamd over its INSTREAM protocol: the bytes go in length-prefixed chunks,
 * clamd answers "stream: OK" or "stream: <signature> FOUND". Anything else (unreachable,
 * timeout, an ERROR reply) throws, and the upload is refused rather than stored unscanned.
 */
export default class ClamdScanner {
  static get enabled() {
    return Boolean(env.get('CLAMD_HOST'))
  }

  static scanFile(path: string): Promise<ScanResult> {
    const host = env.get('CLAMD_HOST')!
    const port = env.get('CLAMD_PORT', 3310)
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host, port })
      const replies: Buffer[] = []
      let settled = false
      const finish = (error: Error | null, result?: ScanResult) => {
        if (settled) return
        settled = true
        socket.destroy()
        if (error) reject(error)
        else resolve(result!)
      }
      socket.setTimeout(TIMEOUT_MS, () => finish(new Error('clamd did not answer in time')))
      socket.on('error', (error) => finish(error))
      socket.on('data', (data) => replies.push(data))
      socket.on('end', () => {
        try {
          finish(null, ClamdScanner.parseReply(Buffer.concat(replies).toString('utf8')))
        } catch (error) {
          finish(error as Error)
        }
      })
      socket.on('connect', async () => {
        try {
          socket.write('zINSTREAM\0')
          for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
            const size = Buffer.alloc(4)
            size.writeUInt32BE((chunk as Buffer).length)
            if (!socket.write(Buffer.concat([size, chunk as Buffer]))) {
              await new Promise((drained) => socket.once('drain', drained))
            }
          }
          socket.write(Buffer.alloc(4))
        } catch (error) {
          finish(error as Error)
        }
      })
    })
  }

  static parseReply(reply: string): ScanResult {
    const line = reply.replace(/\0/g, '').trim()
    if (/^stream: OK$/.test(line)) return { status: 'clean' }
    const found = /^stream: (.+) FOUND$/.exec(line)
    if (found) return { status: 'infected', signature: found[1] }
    throw new Error(`clamd could not scan the file: ${line || 'no answer'}`)
  }
}
