import { Redis } from 'ioredis'
import db from '@adonisjs/lucid/services/db'
import { AppProcess, freePort, isListening } from '#tests/helpers/processes'

// Loopback only: the cluster must never reach, or flush, a shared server.
const PG = {
  host: '127.0.0.1',
  port: Number(process.env.PG_PORT || 5432),
  user: process.env.PG_USER || 'postgres',
  password: process.env.PG_PASSWORD || undefined,
}
const REDIS = { host: '127.0.0.1', port: 6379 }

export const clusterServices = `PostgreSQL (${PG.host}:${PG.port}) and Redis (${REDIS.host}:${REDIS.port})`

/**
 * The cluster checks need a real PostgreSQL and Redis on loopback; without them they cannot
 * say anything about several instances.
 */
export async function clusterServicesReachable() {
  const [postgres, redis] = await Promise.all([
    isListening(PG.port, PG.host),
    isListening(REDIS.port, REDIS.host),
  ])
  return postgres && redis
}

export interface ClusterOptions {
  /** PostgreSQL database created (dropped first) for this cluster. */
  database: string
  /** Redis logical database flushed before the cluster starts. */
  redisDb: number
  /** Port of the SMTP sink the instances and workers send to. */
  smtpPort: number
  instances: number
  workers: number
}

/**
 * Several app instances and queue workers sharing one PostgreSQL database and one Redis, as
 * they would behind a load balancer. Every process is a real `node` child process in
 * production mode; `stop()` ends all of them.
 */
export class Cluster {
  urls: string[] = []
  processes: AppProcess[] = []
  /** Name of the Lucid connection the test process uses to reach the cluster's database. */
  readonly connection = 'cluster'
  readonly appKey = 'cluster-test-key-0123456789abcdefghijklmnopqrstuv'

  constructor(public options: ClusterOptions) {}

  env(port: number, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: this.urls[0] ?? `http://127.0.0.1:${port}`,
      APP_KEY: this.appKey,
      APP_NAME: 'Guildhall Cluster Test',
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: '',
      DB_CONNECTION: 'postgres',
      PG_HOST: PG.host,
      PG_PORT: String(PG.port),
      PG_USER: PG.user,
      PG_PASSWORD: PG.password ?? '',
      PG_DB_NAME: this.options.database,
      REDIS_HOST: REDIS.host,
      REDIS_PORT: String(REDIS.port),
      REDIS_PASSWORD: '',
      REDIS_DB: String(this.options.redisDb),
      QUEUE_DRIVER: 'redis',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.options.smtpPort),
      SMTP_USER: '',
      SMTP_PASSWORD: '',
      SMTP_SECURE: 'false',
      MAIL_FROM_ADDRESS: 'secretary@cluster.example',
      DRIVE_DISK: 'fs',
      ...extra,
    }
  }

  async start() {
    await this.#resetStores()

    const ports = await Promise.all(
      Array.from({ length: this.options.instances }, () => freePort())
    )
    this.urls = ports.map((port) => `http://127.0.0.1:${port}`)

    const migrate = new AppProcess(
      'migration:run',
      ['ace.js', 'migration:run', '--force', '--no-schema-generate'],
      this.env(ports[0])
    )
    this.processes.push(migrate)
    await migrate.start().completion()

    const servers = ports.map((port, index) => {
      const name = `instance ${String.fromCharCode(65 + index)}`
      return new AppProcess(name, ['--import=@poppinss/ts-exec', 'bin/server.ts'], this.env(port))
    })
    this.processes.push(...servers)
    servers.forEach((server) => server.start())
    await Promise.all(
      servers.map((server, index) => server.waitForHttp(`${this.urls[index]}/health/live`))
    )

    db.manager.add(this.connection, {
      client: 'pg',
      connection: { ...PG, database: this.options.database },
    })
  }

  /**
   * Starts the queue workers (`node ace queue:work`), all on the same Redis queue. Until then,
   * queued jobs wait in Redis.
   */
  startWorkers() {
    const workers = Array.from({ length: this.options.workers }, (_, index) => {
      const port = new URL(this.urls[0]).port
      return new AppProcess(`worker ${index + 1}`, ['ace.js', 'queue:work'], this.env(Number(port)))
    })
    this.processes.push(...workers)
    workers.forEach((worker) => worker.start())
  }

  async stop() {
    await Promise.allSettled(this.processes.map((child) => child.stop()))
    if (db.manager.has(this.connection)) {
      await db.manager.close(this.connection, true)
    }
  }

  /**
   * Output of every process, for the message of a failing assertion.
   */
  logs() {
    return this.processes
      .map((child) => {
        const lines = child
          .output(6)
          .split('\n')
          .map((line) => line.slice(0, 400))
        return `--- ${child.name}\n${lines.join('\n')}`
      })
      .join('\n')
  }

  async #resetStores() {
    // Database names cannot be bound as parameters; this one comes from the test itself.
    const admin = `${this.connection}_admin`
    db.manager.add(admin, { client: 'pg', connection: { ...PG, database: 'postgres' } })
    try {
      await db
        .connection(admin)
        .rawQuery(`DROP DATABASE IF EXISTS "${this.options.database}" WITH (FORCE)`)
      await db.connection(admin).rawQuery(`CREATE DATABASE "${this.options.database}"`)
    } finally {
      await db.manager.close(admin, true)
    }

    const redis = new Redis({ ...REDIS, db: this.options.redisDb, lazyConnect: true })
    await redis.connect()
    await redis.flushdb()
    redis.disconnect()
  }
}

/**
 * A cookie jar and form poster, like one browser talking to whichever instance a load balancer
 * picks. Cookies are shared across ports, as browsers do for one host; cookies marked Secure
 * are sent over plain HTTP too, since the production-mode instances run without TLS here.
 */
export class Visitor {
  cookies = new Map<string, string>()
  csrfToken: string | null = null

  async request(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const body = Buffer.from(await response.arrayBuffer())
    const text = body.toString('utf8')
    this.csrfToken = text.match(/name='_csrf' value='([^']+)'/)?.[1] ?? this.csrfToken
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      text,
      body,
    }
  }

  get(url: string) {
    return this.request(url)
  }

  async statusOf(url: string) {
    const response = await this.get(url)
    return response.status
  }

  /**
   * Posts a form the way the page's script-free form would, with the CSRF token of the last
   * page that held a form (call `get` on a page first).
   */
  post(url: string, fields: Record<string, string>) {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        this.csrfToken ? { _csrf: this.csrfToken, ...fields } : fields
      ).toString(),
    })
  }
}
