import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import app from '@adonisjs/core/services/app'

/**
 * The portal as a separate process (HTTP server or queue worker), started the way production
 * starts it, to observe boot failures, signals and exit codes from the outside.
 */
export class AppProcess {
  output = ''
  readonly child: ChildProcess
  readonly exited: Promise<number | null>

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, args, {
      cwd: app.appRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child.stdout!.on('data', (chunk) => (this.output += chunk))
    this.child.stderr!.on('data', (chunk) => (this.output += chunk))
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
  }

  static server(env: NodeJS.ProcessEnv) {
    return new AppProcess(['--import=@poppinss/ts-exec', 'bin/server.ts'], env)
  }

  static worker(env: NodeJS.ProcessEnv) {
    return new AppProcess(['ace', 'queue:work'], env)
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  signal(name: NodeJS.Signals) {
    this.child.kill(name)
  }

  async stop() {
    if (this.running) this.child.kill('SIGKILL')
    await this.exited
  }
}

export async function freePort() {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return typeof address === 'object' && address ? address.port : 0
}

/**
 * Environment for a child of the test run: same database and mail sink, its own HTTP port,
 * and the persistent queue instead of inline jobs.
 */
export function childEnv(port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    QUEUE_DRIVER: 'database',
    ...extra,
  }
}

export async function waitForHttp(url: string, child: AppProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!child.running) throw new Error(`The process exited before answering:\n${child.output}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${child.output}`)
}
