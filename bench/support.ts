/*
 * What the benchmark scripts (bench/run.ts, bench/news.ts, bench/directory.ts) share: their
 * command-line options, the production environment of the app under test, building and
 * starting it, the autocannon load, CPU pinning and writing the results. Not a benchmark
 * itself; the bare baselines (bench/bare_server.ts, bench/directory_baseline.ts) run with
 * plain `node` and stay self-contained.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

export const root = join(import.meta.dirname, '..')

/**
 * The server under test (and each bare baseline) runs on one core, the load generator on
 * another, so the two do not compete for a CPU.
 */
export const SERVER_CPU = '0'
export const LOAD_CPU = '1'

/** Redis logical database the benches use with --redis; flushed before each run. */
export const BENCH_REDIS_DB = 14

/**
 * `--name=value` and `--flag` arguments, as a map (a bare flag reads as 'true'), with the
 * options every bench takes.
 */
export function benchOptions(argv = process.argv.slice(2)) {
  const args = new Map(
    argv.map((arg) => {
      const [key, value] = arg.replace(/^--/, '').split('=')
      return [key, value ?? 'true'] as const
    })
  )
  const fromSource = args.has('source')
  return {
    args,
    fromSource,
    duration: Number(args.get('duration') ?? 10),
    connections: Number(args.get('connections') ?? 32),
    /** Where the server runs from: build/ (compiled) or the TypeScript sources. */
    appDir: fromSource ? root : join(root, 'build'),
    serverArgs: fromSource ? ['--import=@poppinss/ts-exec', 'bin/server.ts'] : ['bin/server.js'],
    mode: fromSource
      ? 'production, TypeScript sources through @poppinss/ts-exec'
      : 'production build (node ace build)',
  }
}

export type BenchOptions = ReturnType<typeof benchOptions>

/**
 * The one-minute load averages before the run: other work on the machine skews the numbers,
 * and this says how quiet it was.
 */
export function loadAverage() {
  return loadavg().map((value) => Math.round(value * 100) / 100)
}

/** The machine a result was measured on, for the results file. */
export function machine(loadAverageBeforeRun: number[]) {
  return {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    serverCpu: SERVER_CPU,
    loadCpu: LOAD_CPU,
    loadAverageBeforeRun,
  }
}

/** tmp/<name>, emptied: each run starts from a fresh database. */
export function freshWorkDir(name: string) {
  const dir = join(root, 'tmp', name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * The environment of the app under test in production mode: a fresh APP_KEY, no mail server
 * reachable, the benches' database and Redis settings in `extra`.
 */
export function appEnv(port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
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
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '2599',
    MAIL_FROM_ADDRESS: 'bench@example.org',
    // autocannon comes from one address; the per-IP site-wide limit would answer 429 at once.
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
    ...extra,
  }
}

/** The Redis settings of the app: the bench database with --redis, no Redis otherwise. */
export function redisEnv(withRedis: boolean): NodeJS.ProcessEnv {
  return {
    REDIS_HOST: withRedis ? '127.0.0.1' : '',
    REDIS_PORT: '6379',
    REDIS_DB: String(BENCH_REDIS_DB),
  }
}

/** Empties the bench's Redis database, so no sessions or limits carry over between runs. */
export async function flushBenchRedis() {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, db: BENCH_REDIS_DB, lazyConnect: true })
  await redis.connect()
  await redis.flushdb()
  redis.disconnect()
}

/**
 * Runs a command to completion and resolves with its standard output (stderr goes to the
 * terminal); rejects when it exits with another code than 0.
 */
export function run(
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

/** Compiles the app into build/ with `node ace build`, unless the bench runs the sources. */
export async function buildUnlessFromSource(options: BenchOptions) {
  if (options.fromSource) return
  await run(process.execPath, [
    'ace.js',
    'build',
    ...(options.args.has('ignore-ts-errors') ? ['--ignore-ts-errors'] : []),
  ])
}

export interface LoadMetrics {
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  non2xx: number
  errors: number
}

/**
 * autocannon against `url` from the load core (optionally sending a Cookie header): a 3 s
 * warm-up that lets V8 optimise the hot paths, then the measured run of `duration` seconds.
 */
export async function load(
  url: string,
  settings: { connections: number; duration: number },
  cookie?: string
): Promise<LoadMetrics> {
  const autocannon = join(root, 'node_modules', '.bin', 'autocannon')
  const options = [
    '-c',
    String(settings.connections),
    '-j',
    ...(cookie ? ['-H', `cookie=${cookie}`] : []),
  ]
  await run('taskset', ['-c', LOAD_CPU, autocannon, ...options, '-d', '3', url])
  const output = await run('taskset', [
    '-c',
    LOAD_CPU,
    autocannon,
    ...options,
    '-d',
    String(settings.duration),
    url,
  ])
  const result = JSON.parse(output)
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** CPU time (user and system) a process has used so far, in milliseconds, from /proc. */
export function cpuMilliseconds(pid: number) {
  // The fields after the command name, which may itself hold spaces: utime and stime are the
  // 12th and 13th, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export interface PairedTarget {
  label: string
  url: string
  pid: number
  cookie?: string
}

/**
 * The server CPU time per request of two servers doing the same page, measured in alternating
 * rounds of a fixed number of requests (32 connections, from the load core). Requests per
 * second on a shared virtual machine swing with its neighbours, from one minute to the next,
 * by more than the difference being measured; two servers measured in turns, a few seconds
 * apart, see the same machine, and the CPU time a request costs does not depend on how long
 * it waited. It still moves with the machine, and not by the same factor for both servers (a
 * larger working set suffers more from a busy neighbour), so every round is kept in the
 * result. Both servers must already be warm.
 */
export async function pairedCpuPerRequest(
  first: PairedTarget,
  second: PairedTarget,
  { rounds = 12, requests = 1500 } = {}
) {
  const autocannon = join(root, 'node_modules', '.bin', 'autocannon')
  const perRequest = async (target: PairedTarget) => {
    const before = cpuMilliseconds(target.pid)
    const output = await run('taskset', [
      '-c',
      LOAD_CPU,
      autocannon,
      '-c',
      '32',
      '-j',
      ...(target.cookie ? ['-H', `cookie=${target.cookie}`] : []),
      '-a',
      String(requests),
      target.url,
    ])
    const result = JSON.parse(output)
    if (result.non2xx || result.errors) throw new Error(`${target.label}: failed requests`)
    return (cpuMilliseconds(target.pid) - before) / requests
  }
  const firstMs: number[] = []
  const secondMs: number[] = []
  for (let round = 0; round < rounds; round++) {
    firstMs.push(await perRequest(first))
    secondMs.push(await perRequest(second))
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    const middle = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
  const shares = firstMs.map((ms, index) => secondMs[index] / ms)
  const round3 = (value: number) => Math.round(value * 1000) / 1000
  return {
    rounds,
    requestsPerRound: requests,
    [first.label]: { cpuMsPerRequest: firstMs.map(round3), median: round3(median(firstMs)) },
    [second.label]: { cpuMsPerRequest: secondMs.map(round3), median: round3(median(secondMs)) },
    /** second / first, round by round: the share of the first's cost the second needs. */
    shareByRound: shares.map(round3),
    medianShare: round3(median(shares)),
  }
}

/** `part / whole`, rounded to `decimals` places. */
export function ratio(part: number, whole: number, decimals = 3) {
  const scale = 10 ** decimals
  return Math.round((part / whole) * scale) / scale
}

/** Resident memory of a process (current and peak), from /proc. */
export function residentMegabytes(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kilobytes = (field: string) =>
    Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0)
  return {
    rssMb: Math.round(kilobytes('VmRSS') / 1024),
    peakRssMb: Math.round(kilobytes('VmHWM') / 1024),
  }
}

/** The cookies a response sets, as a Cookie header to send back. */
function cookiesOf(response: Response) {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ')
}

/** The cookies a first visit to `url` receives, as a Cookie header. */
export async function visitorCookies(url: string) {
  const response = await fetch(url)
  await response.arrayBuffer()
  return cookiesOf(response)
}

/**
 * Signs in through the login form, as a browser would, and returns the session cookies. The
 * answer must be a redirect, to a location containing `redirectsTo` when given.
 */
export async function signIn(
  baseUrl: string,
  credentials: { email: string; password: string },
  redirectsTo?: string
) {
  const form = await fetch(`${baseUrl}/login`)
  const html = await form.text()
  const token = html.match(/name='_csrf' value='([^']+)'/)?.[1] ?? ''
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookiesOf(form) },
    body: new URLSearchParams({ _csrf: token, ...credentials }).toString(),
  })
  const location = response.headers.get('location') ?? ''
  if (response.status !== 302 || (redirectsTo !== undefined && !location.includes(redirectsTo))) {
    throw new Error(`signing in as ${credentials.email} failed (${response.status})`)
  }
  return cookiesOf(response)
}

/**
 * Writes the results to bench/results/<date><suffix>.json and prints them with the file's
 * path.
 */
export function writeResults(suffix: string, results: Record<string, unknown>) {
  const day = new Date().toISOString().slice(0, 10)
  const output = join(root, 'bench', 'results', `${day}${suffix}.json`)
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(
    `${JSON.stringify(results, null, 2)}\nwritten to ${output.slice(root.length + 1)}\n`
  )
}
