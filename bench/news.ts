/*
 * The news pages under load: the public list (/news) and one post page, with 1,000 published
 * posts, 32 connections, the server pinned to one core. Written to
 * bench/results/<date>-news.json.
 *
 *   node --import=@poppinss/ts-exec bench/news.ts [--source] [--ignore-ts-errors] [--redis]
 *     [--duration=10] [--connections=32] [--posts=1000]
 *
 * Same set-up as bench/run.ts: production mode, the app on CPU 0 and autocannon on CPU 1, a
 * fresh SQLite database (seeded with the demo data plus generated posts), --redis for
 * sessions, limits and queue in Redis. Measured for each page:
 * - a first-time visitor (no cookie): served by the news page cache's fast path;
 * - a returning visitor sending their session cookie: served from the same cache after the
 *   session, CSRF and auth middleware ran;
 * - a signed-in member: always rendered (the cache is for visitors only).
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { AppProcess, freePort } from '#tests/helpers/processes'

const root = join(import.meta.dirname, '..')
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=')
    return [key, value ?? 'true'] as const
  })
)
const fromSource = args.has('source')
const withRedis = args.has('redis')
const BENCH_REDIS_DB = 14
const duration = Number(args.get('duration') ?? 10)
const connections = Number(args.get('connections') ?? 32)
const posts = Number(args.get('posts') ?? 1000)
const SERVER_CPU = '0'
const LOAD_CPU = '1'
const DEMO_PASSWORD = 'guildhall demo 2024'

const startLoad = loadavg().map((value) => Math.round(value * 100) / 100)
const workDir = join(root, 'tmp', 'bench-news')
rmSync(workDir, { recursive: true, force: true })
mkdirSync(workDir, { recursive: true })

function appEnv(port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    APP_KEY: randomBytes(32).toString('hex'),
    APP_NAME: 'Guildhall',
    LOG_LEVEL: 'warn',
    TRUSTED_PROXIES: '',
    DB_CONNECTION: 'sqlite',
    SQLITE_FILE: join(workDir, 'bench.sqlite3'),
    REDIS_HOST: withRedis ? '127.0.0.1' : '',
    REDIS_PORT: '6379',
    REDIS_DB: String(BENCH_REDIS_DB),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '2599',
    MAIL_FROM_ADDRESS: 'bench@example.org',
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
    SEED_DEMO_DATA: 'true',
    NEWS_DEMO_POSTS: String(posts),
  }
}

function run(command: string, commandArgs: string[], cwd = root, env = process.env) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${commandArgs.join(' ')} exited with ${code}\n${output}`))
    )
  })
}

async function load(url: string, visitor: string, cookie?: string) {
  const autocannon = join(root, 'node_modules', '.bin', 'autocannon')
  const options = ['-c', String(connections), '-j', ...(cookie ? ['-H', `cookie=${cookie}`] : [])]
  await run('taskset', ['-c', LOAD_CPU, autocannon, ...options, '-d', '3', url])
  const output = await run('taskset', [
    '-c',
    LOAD_CPU,
    autocannon,
    ...options,
    '-d',
    String(duration),
    url,
  ])
  const result = JSON.parse(output)
  return {
    url: new URL(url).pathname,
    visitor,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

function cookiesOf(response: Response) {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

async function visitorCookies(url: string) {
  const response = await fetch(url)
  await response.arrayBuffer()
  return cookiesOf(response)
}

/** Signs in through the login form, as a browser would, and returns the session cookies. */
async function memberCookies(baseUrl: string, email: string) {
  const form = await fetch(`${baseUrl}/login`)
  const html = await form.text()
  const token = html.match(/name='_csrf' value='([^']+)'/)?.[1] ?? ''
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cookie': cookiesOf(form),
    },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD }).toString(),
  })
  if (response.status !== 302 || !response.headers.get('location')?.includes('dashboard')) {
    throw new Error(`signing in as ${email} failed (${response.status})`)
  }
  return cookiesOf(response)
}

const appDir = fromSource ? root : join(root, 'build')
const serverArgs = fromSource ? ['--import=@poppinss/ts-exec', 'bin/server.ts'] : ['bin/server.js']
const ext = fromSource ? 'ts' : 'js'

if (!fromSource) {
  await run(process.execPath, [
    'ace.js',
    'build',
    ...(args.has('ignore-ts-errors') ? ['--ignore-ts-errors'] : []),
  ])
}
if (withRedis) {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, db: BENCH_REDIS_DB, lazyConnect: true })
  await redis.connect()
  await redis.flushdb()
  redis.disconnect()
}

const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const env = appEnv(port)
await run(
  process.execPath,
  ['ace.js', 'migration:run', '--force', '--no-schema-generate'],
  appDir,
  env
)
await run(
  process.execPath,
  ['ace.js', 'db:seed', `--files=./database/seeders/main_seeder.${ext}`],
  appDir,
  env
)

const server = new AppProcess('app', serverArgs, env, appDir)
server.start({ taskset: SERVER_CPU })
const results: Record<string, unknown> = {}
try {
  await server.waitForHttp(`${baseUrl}/news`)
  const postPath = `/news/news-item-${Math.ceil(posts / 2)}`
  const check = await fetch(`${baseUrl}${postPath}`)
  if (check.status !== 200) throw new Error(`${postPath} answered ${check.status}`)
  await check.arrayBuffer()

  // /news itself may be a cache hit, which opens no session: take the cookies from a form.
  const returning = await visitorCookies(`${baseUrl}/login`)
  const member = await memberCookies(baseUrl, 'member@example.org')
  const pages: Record<string, unknown> = {}
  for (const [name, path] of [
    ['list', '/news'],
    ['post', postPath],
  ] as const) {
    pages[name] = {
      firstVisit: await load(`${baseUrl}${path}`, 'first visit (no cookie)'),
      returningVisitor: await load(
        `${baseUrl}${path}`,
        'returning visitor (session cookie)',
        returning
      ),
      signedInMember: await load(`${baseUrl}${path}`, 'signed-in member (not cached)', member),
    }
  }
  Object.assign(results, {
    date: new Date().toISOString(),
    mode: fromSource
      ? 'production, TypeScript sources through @poppinss/ts-exec'
      : 'production build (node ace build)',
    machine: {
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      serverCpu: SERVER_CPU,
      loadCpu: LOAD_CPU,
      loadAverageBeforeRun: startLoad,
    },
    settings: {
      connections,
      durationSeconds: duration,
      posts,
      database: 'sqlite',
      redis: withRedis,
    },
    goal: { requestsPerSecond: 2000, latencyP99Ms: 50 },
    pages,
  })
} finally {
  await server.stop()
}

const day = new Date().toISOString().slice(0, 10)
const output = join(root, 'bench', 'results', `${day}-news${withRedis ? '-redis' : ''}.json`)
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`)
process.stdout.write(
  `${JSON.stringify(results, null, 2)}\nwritten to ${output.slice(root.length + 1)}\n`
)
