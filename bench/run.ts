/*
 * One benchmark run of the portal in production mode, written to bench/results/<date>.json.
 *
 *   node --import=@poppinss/ts-exec bench/run.ts [--source] [--ignore-ts-errors] [--redis]
 *     [--duration=10] [--connections=32]
 *
 * The server under test (and the bare baseline) is pinned to CPU 0 with taskset; the load
 * generator (autocannon) is pinned to CPU 1, so they do not compete for one core. By default
 * the app is compiled with `node ace build` and run from build/; --source runs the TypeScript
 * sources through the loader instead (for a tree that does not type-check yet). The database
 * is a fresh SQLite file; --redis moves sessions, rate limits and the queue to the Redis on
 * 127.0.0.1:6379 (logical database 14, flushed first).
 *
 * Measured:
 * - framework overhead: GET /health/live (a fixed answer that still passes through the whole
 *   router middleware stack: body parser, session, shield, auth, bouncer, view globals) against
 *   a bare node:http server replaying the same status, headers and body; goal >= 70 %;
 * - the same for a static asset (/css/app.css), which only the server-wide middleware sees;
 * - the landing page (/) and the login page (/login): req/s, p50, p99; the login page also
 *   for a returning visitor who sends the session cookie back;
 * - boot to first 200 on / (goal < 1 s), median of three cold starts;
 * - resident memory of the app process after the load (goal < 256 MB).
 *
 * Unless marked as returning, requests come without cookies, as a first visit does: each one
 * opens a session.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
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
const SERVER_CPU = '0'
const LOAD_CPU = '1'

// Other work on the machine skews the numbers; the load average says how quiet it was.
const startLoad = loadavg().map((value) => Math.round(value * 100) / 100)
const workDir = join(root, 'tmp', 'bench')
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
    // autocannon comes from one address; the per-IP site-wide limit would answer 429 at once.
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
  }
}

function run(
  command: string,
  commandArgs: string[],
  cwd = root,
  env: NodeJS.ProcessEnv = process.env
) {
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

interface LoadResult {
  url: string
  visitor?: string
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
  errors: number
}

async function load(url: string, cookie?: string): Promise<LoadResult> {
  const autocannon = join(root, 'node_modules', '.bin', 'autocannon')
  const options = ['-c', String(connections), '-j', ...(cookie ? ['-H', `cookie=${cookie}`] : [])]
  // A short warm-up lets V8 optimise the hot paths before the measured run.
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
    ...(cookie ? { visitor: 'returning (session cookie sent)' } : {}),
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

function residentMegabytes(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kilobytes = (field: string) =>
    Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0)
  return {
    rssMb: Math.round(kilobytes('VmRSS') / 1024),
    peakRssMb: Math.round(kilobytes('VmHWM') / 1024),
  }
}

async function timeBoot(server: AppProcess, url: string) {
  const started = performance.now()
  server.start({ taskset: SERVER_CPU })
  while (true) {
    if (!server.running) throw new Error(`server exited during boot:\n${server.output()}`)
    try {
      const response = await fetch(url)
      await response.arrayBuffer()
      if (response.status === 200) return Math.round(performance.now() - started)
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * The cookies a first visit to `url` receives, as a Cookie header.
 */
async function visitorCookies(url: string) {
  const response = await fetch(url)
  await response.arrayBuffer()
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

async function recordResponse(url: string, file: string) {
  const response = await fetch(url)
  const skipped = new Set([
    'date',
    'connection',
    'keep-alive',
    'content-length',
    'transfer-encoding',
  ])
  // Iterating fetch headers yields each set-cookie on its own, as the server sent them.
  const headers = [...response.headers].filter(([name]) => !skipped.has(name))
  writeFileSync(
    file,
    JSON.stringify({ status: response.status, headers, body: await response.text() })
  )
}

/**
 * The bare node:http baseline replaying one recorded response, on the server's core.
 */
async function loadBare(recordedFile: string, path: string) {
  const barePort = await freePort()
  const bare = new AppProcess(
    'bare',
    [join(root, 'bench', 'bare_server.ts'), String(barePort), recordedFile],
    { PATH: process.env.PATH }
  )
  bare.start({ taskset: SERVER_CPU })
  try {
    await bare.waitForHttp(`http://127.0.0.1:${barePort}/`)
    return await load(`http://127.0.0.1:${barePort}${path}`)
  } finally {
    await bare.stop()
  }
}

const appDir = fromSource ? root : join(root, 'build')
const serverArgs = fromSource ? ['--import=@poppinss/ts-exec', 'bin/server.ts'] : ['bin/server.js']

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

const boots: number[] = []
let server = new AppProcess('app', serverArgs, env, appDir)
for (let attempt = 0; attempt < 3; attempt++) {
  if (attempt > 0) {
    await server.stop()
    server = new AppProcess('app', serverArgs, env, appDir)
  }
  boots.push(await timeBoot(server, `${baseUrl}/`))
}

const fixedPath = '/health/live'
const staticPath = '/css/app.css'
const recorded = join(workDir, 'fixed_response.json')
const recordedStatic = join(workDir, 'static_response.json')
await recordResponse(`${baseUrl}${fixedPath}`, recorded)
await recordResponse(`${baseUrl}${staticPath}`, recordedStatic)
const idleMemory = residentMegabytes(server.pid!)

const results: Record<string, unknown> = {}
try {
  const app = {
    fixed: await load(`${baseUrl}${fixedPath}`),
    staticAsset: await load(`${baseUrl}${staticPath}`),
    landing: await load(`${baseUrl}/`),
    login: await load(`${baseUrl}/login`),
    loginReturning: await load(`${baseUrl}/login`, await visitorCookies(`${baseUrl}/login`)),
  }
  const memory = residentMegabytes(server.pid!)

  const baseline = await loadBare(recorded, fixedPath)
  const staticBaseline = await loadBare(recordedStatic, staticPath)

  const sortedBoots = [...boots].sort((a, b) => a - b)
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
    settings: { connections, durationSeconds: duration, database: 'sqlite', redis: withRedis },
    bootToFirst200Ms: { runs: boots, median: sortedBoots[1], goalMs: 1000 },
    overhead: {
      path: fixedPath,
      app: app.fixed,
      bareNodeHttp: baseline,
      ratio: Math.round((app.fixed.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000,
      goal: 0.7,
    },
    staticAssetOverhead: {
      path: staticPath,
      note: 'served by the server-wide middleware only (no session, shield or auth)',
      app: app.staticAsset,
      bareNodeHttp: staticBaseline,
      ratio:
        Math.round((app.staticAsset.requestsPerSecond / staticBaseline.requestsPerSecond) * 1000) /
        1000,
    },
    pages: { landing: app.landing, login: app.login, loginReturningVisitor: app.loginReturning },
    memoryAfterBoot: idleMemory,
    memoryAfterLoad: { ...memory, goalMb: 256 },
  })
} finally {
  await server.stop()
}

const day = new Date().toISOString().slice(0, 10)
const output = join(root, 'bench', 'results', `${day}${withRedis ? '-redis' : ''}.json`)
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`)
process.stdout.write(
  `${JSON.stringify(results, null, 2)}\nwritten to ${output.slice(root.length + 1)}\n`
)
