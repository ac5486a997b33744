import { SMTPServer } from 'smtp-server'
import PostalMime, { type Email } from 'postal-mime'

export interface CaughtMail extends Email {
  envelopeTo: string[]
  raw: string
}

/**
 * A real SMTP server on loopback that keeps every message it receives, parsed. Tests point
 * the app's SMTP settings at it and read what a mail client would.
 */
export class SmtpSink {
  messages: CaughtMail[] = []
  #server: SMTPServer
  #waiters: Array<() => void> = []
  port = 0

  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          const parsed = await PostalMime.parse(raw)
          this.messages.push({
            ...parsed,
            raw,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          })
          this.#waiters.splice(0).forEach((resolve) => resolve())
          callback()
        })
      },
    })
  }

  async start(port = 0) {
    await new Promise<void>((resolve) => this.#server.listen(port, '127.0.0.1', () => resolve()))
    const address = this.#server.server.address()
    this.port = typeof address === 'object' && address ? address.port : port
    return this
  }

  async stop() {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  clear() {
    this.messages = []
  }

  to(address: string) {
    return this.messages.filter((message) => message.envelopeTo.includes(address))
  }

  /**
   * Resolves with the first message to `address` matching `predicate`, waiting for it to
   * arrive (mail is sent by the queue, possibly a moment after the request returned).
   */
  async waitFor(
    address: string,
    predicate: (mail: CaughtMail) => boolean = () => true,
    timeoutMs = 10_000
  ) {
    const deadline = Date.now() + timeoutMs
    while (true) {
      const found = this.to(address).find(predicate)
      if (found) return found
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        throw new Error(`No mail to ${address} arrived within ${timeoutMs} ms`)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250))
        this.#waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }
}

/**
 * Extracts the first link to `path` from a mail's text body.
 */
export function linkIn(mail: CaughtMail, path: string): string {
  const body = `${mail.text ?? ''}\n${mail.html ?? ''}`
  const match = body.match(
    new RegExp(`https?://[^\\s"'<>]*${path.replace(/[/.]/g, '\\$&')}[^\\s"'<>]*`)
  )
  if (!match) {
    throw new Error(`No link to ${path} in mail "${mail.subject}"`)
  }
  return match[0].replace(/&amp;/g, '&')
}
