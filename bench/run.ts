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
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppProcess, freePort } from '#tests/helpers/processes'
import {
  SERVER_CPU,
  type LoadMetrics,
  appEnv,
  benchOptions,
  buildUnlessFromSource,
  flushBenchRedis,
  freshWorkDir,
  load as loadUrl,
  loadAverage,
  machine,
  ratio,
  redisEnv,
  residentMegabytes,
  root,
  run,
  visitorCookies,
  writeResults,
} from './support.js'

const options = benchOptions()
const { args, duration, connections, appDir, serverArgs } = options
const withRedis = args.has('redis')

const startLoad = loadAverage()
const workDir = freshWorkDir('bench')

interface LoadResult extends LoadMetrics {
  url: string
  visitor?: string
}

async function load(url: string, cookie?: string): Promise<LoadResult> {
  return {
    url: new URL(url).pathname,
    ...(cookie ? { visitor: 'returning (session cookie sent)' } : {}),
    ...(await loadUrl(url, options, cookie)),
  }
}

/**
 * Starts the server and times it to the first 200 on `url`; polls every 5 ms (not
 * AppProcess.waitForHttp's 50 ms) so the boot time is accurate to a few milliseconds.
 */
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

await buildUnlessFromSource(options)
if (withRedis) await flushBenchRedis()

const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const env = appEnv(port, {
  DB_CONNECTION: 'sqlite',
  SQLITE_FILE: join(workDir, 'bench.sqlite3'),
  ...redisEnv(withRedis),
})
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
    mode: options.mode,
    machine: machine(startLoad),
    settings: { connections, durationSeconds: duration, database: 'sqlite', redis: withRedis },
    bootToFirst200Ms: { runs: boots, median: sortedBoots[1], goalMs: 1000 },
    overhead: {
      path: fixedPath,
      app: app.fixed,
      bareNodeHttp: baseline,
      ratio: ratio(app.fixed.requestsPerSecond, baseline.requestsPerSecond),
      goal: 0.7,
    },
    staticAssetOverhead: {
      path: staticPath,
      note: 'served by the server-wide middleware only (no session, shield or auth)',
      app: app.staticAsset,
      bareNodeHttp: staticBaseline,
      ratio: ratio(app.staticAsset.requestsPerSecond, staticBaseline.requestsPerSecond),
    },
    pages: { landing: app.landing, login: app.login, loginReturningVisitor: app.loginReturning },
    memoryAfterBoot: idleMemory,
    memoryAfterLoad: { ...memory, goalMb: 256 },
  })
} finally {
  await server.stop()
}

writeResults(withRedis ? '-redis' : '', results)
