import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection, createServer } from 'node:net'

/**
 * True when something accepts TCP connections on host:port within `timeoutMs`.
 */
export function isListening(port: number, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host })
    const done = (answer: boolean) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/**
 * A loopback port nobody listens on right now, picked by the kernel.
 */
export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * One child process of the portal (HTTP server, queue worker or ace command), with its output
 * kept so a failing test can show why the process misbehaved.
 */
export class AppProcess {
  #child?: ChildProcess
  #output: string[] = []
  #exited?: Promise<number | null>

  constructor(
    public name: string,
    public args: string[],
    public env: NodeJS.ProcessEnv,
    public cwd = process.cwd()
  ) {}

  get running() {
    return (
      this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
    )
  }

  get pid() {
    return this.#child?.pid
  }

  output(lastLines = 40) {
    return this.#output.join('').split('\n').slice(-lastLines).join('\n')
  }

  start(options: { taskset?: string } = {}) {
    const [command, args] = options.taskset
      ? ['taskset', ['-c', options.taskset, process.execPath, ...this.args]]
      : [process.execPath, this.args]
    const child = spawn(command, args, {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const keep = (chunk: Buffer) => {
      this.#output.push(chunk.toString('utf8'))
      if (this.#output.length > 500) this.#output.splice(0, 100)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    // Should the test run itself die, its children must not outlive it.
    const killOnExit = () => child.kill('SIGKILL')
    process.once('exit', killOnExit)
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        process.off('exit', killOnExit)
        resolve(code)
      })
    )
    this.#child = child
    return this
  }

  /**
   * Resolves with the exit code of a process that is expected to finish (an ace command).
   */
  async completion(timeoutMs = 60_000) {
    const timer = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${this.name} did not finish within ${timeoutMs} ms`)),
        timeoutMs
      ).unref()
    )
    const code = await Promise.race([this.#exited!, timer])
    if (code !== 0) {
      throw new Error(`${this.name} exited with code ${code}:\n${this.output()}`)
    }
  }

  /**
   * Polls `url` until it answers 200; fails early when the process dies.
   */
  async waitForHttp(url: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (!this.running) {
        throw new Error(`${this.name} exited before answering ${url}:\n${this.output()}`)
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
        await response.arrayBuffer()
        if (response.status === 200) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`${this.name} did not answer ${url} within ${timeoutMs} ms:\n${this.output()}`)
  }

  /**
   * SIGTERM, then SIGKILL when the graceful shutdown takes longer than `graceMs`.
   */
  async stop(graceMs = 5000) {
    if (!this.#child || !this.running) return
    const child = this.#child
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await this.#exited
    clearTimeout(killer)
  }
}
