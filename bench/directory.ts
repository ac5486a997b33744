/*
 * The member directory under load, with 100,000 members in good standing (plus 5,000 lapsed
 * ones) seeded by `node ace members:seed-bench`. Written to bench/results/<date>-directory.json.
 *
 *   node --import=@poppinss/ts-exec bench/directory.ts [--source] [--ignore-ts-errors]
 *     [--postgres] [--reseed] [--duration=10] [--connections=32] [--members=100000]
 *
 * Same set-up as bench/run.ts: production build, the app pinned to CPU 0 and autocannon to
 * CPU 1. The seeded SQLite file is kept under tmp/bench-directory/ between runs (--reseed
 * rebuilds it); --postgres also measures PostgreSQL (database guildhall_directory_bench on
 * 127.0.0.1, dropped and re-created). Measured:
 * - the directory page (50 members) signed in as a member and as the board, first page and a
 *   deep page (page 2,000 for the board, who sees all 100,000; the last page for a member, who
 *   does not see private profiles), reached by the keyset cursor as the "Next" links do;
 * - the raw baseline: node:http + Edge + the same queries with better-sqlite3
 *   (bench/directory_baseline.ts), first and deep page, and the portal's share of it;
 * - name search, one request at a time (unloaded): p50 and p99 over a mix of prefixes, full
 *   names, a rare pair and a miss.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { readFile } from 'node:fs/promises'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { AppProcess, freePort } from '#tests/helpers/processes'

// Drivers without bundled types; the bench only needs a handful of calls.
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')
const pg = require('pg')
const root = join(import.meta.dirname, '..')
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=')
    return [key, value ?? 'true'] as const
  })
)
const fromSource = args.has('source')
const duration = Number(args.get('duration') ?? 10)
const connections = Number(args.get('connections') ?? 32)
const members = Number(args.get('members') ?? 100_000)
const SERVER_CPU = '0'
const LOAD_CPU = '1'
const PASSWORD = 'correct horse battery staple'
const PER_PAGE = 50
const PG_DATABASE = 'guildhall_directory_bench'
const NAME_KEY = "lower(coalesce(nullif(users.display_name, ''), users.full_name))"

const startLoad = loadavg().map((value) => Math.round(value * 100) / 100)
const workDir = join(root, 'tmp', 'bench-directory')
mkdirSync(workDir, { recursive: true })
const sqliteFile = join(workDir, `directory-${members}.sqlite3`)

function appEnv(port: number, database: 'sqlite' | 'postgres'): NodeJS.ProcessEnv {
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
    DB_CONNECTION: database,
    SQLITE_FILE: sqliteFile,
    PG_HOST: '127.0.0.1',
    PG_USER: 'postgres',
    PG_DB_NAME: PG_DATABASE,
    REDIS_HOST: '',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '2599',
    MAIL_FROM_ADDRESS: 'bench@example.org',
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
    DIRECTORY_PUBLIC: 'false',
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

async function load(url: string, label: string, cookie?: string) {
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
    label,
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

/** Signs in through the login form, as a browser would, and returns the session cookies. */
async function signIn(baseUrl: string, email: string) {
  const form = await fetch(`${baseUrl}/login`)
  const html = await form.text()
  const token = html.match(/name='_csrf' value='([^']+)'/)?.[1] ?? ''
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookiesOf(form) },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  })
  if (response.status !== 302) throw new Error(`signing in as ${email} failed (${response.status})`)
  return cookiesOf(response)
}

async function residentMegabytes(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Name searches one at a time: latency without load. */
async function searchLatency(baseUrl: string, cookie: string) {
  const queries = [
    'lov',
    'ada',
    'hopper',
    'grace hop',
    'okafor',
    'Kyoto',
    'tanaka',
    'hypatia yilmaz',
    'zzyzx',
  ]
  const times: number[] = []
  for (let round = 0; round < 40; round++) {
    for (const q of queries) {
      const started = performance.now()
      const response = await fetch(`${baseUrl}/members?q=${encodeURIComponent(q)}`, {
        headers: { cookie },
      })
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`search ${q} answered ${response.status}`)
      if (round > 3) times.push(performance.now() - started)
    }
  }
  times.sort((a, b) => a - b)
  const round2 = (value: number) => Math.round(value * 100) / 100
  return {
    queries,
    requests: times.length,
    latencyP50Ms: round2(percentile(times, 50)),
    latencyP99Ms: round2(percentile(times, 99)),
    goalP99Ms: 20,
  }
}

/**
 * The "Next" cursor that leads to page `page` for a viewer, computed with OFFSET here (once,
 * outside the measurement), exactly as the portal encodes it.
 */
async function cursorFor(
  query: (sql: string, params: unknown[]) => Promise<any[]>,
  viewerLevels: string[],
  page: number
) {
  const levels = viewerLevels.map((level) => `'${level}'`).join(', ')
  const where = `users.status = 'active' and memberships.status in ('active', 'grace') and users.profile_visibility in (${levels})`
  const [{ total }] = await query(
    `select count(*) as total from users inner join memberships on memberships.user_id = users.id where ${where}`,
    []
  )
  const lastPage = Math.ceil(Number(total) / PER_PAGE)
  const target = Math.min(page, lastPage)
  const [row] = await query(
    `select users.id, ${NAME_KEY} as sort_key from users inner join memberships on memberships.user_id = users.id
     where ${where} order by ${NAME_KEY}, users.id limit 1 offset ${(target - 1) * PER_PAGE - 1}`,
    []
  )
  return {
    page: target,
    visible: Number(total),
    after: Buffer.from(JSON.stringify([row.sort_key, row.id]), 'utf8').toString('base64url'),
  }
}

async function measureApp(
  database: 'sqlite' | 'postgres',
  baseUrl: string,
  env: NodeJS.ProcessEnv
) {
  const sqlite = database === 'sqlite' ? new Database(sqliteFile, { readonly: true }) : null
  const pgClient =
    database === 'postgres'
      ? new pg.Client({ host: '127.0.0.1', user: 'postgres', database: PG_DATABASE })
      : null
  await pgClient?.connect()
  const query = async (sql: string, params: unknown[]) => {
    if (sqlite) return sqlite.prepare(sql).all(...params)
    const result = await pgClient!.query(sql, params)
    return result.rows
  }
  const memberDeep = await cursorFor(query, ['public', 'members'], 2000)
  const boardDeep = await cursorFor(query, ['public', 'members', 'private'], 2000)
  sqlite?.close()
  await pgClient?.end()

  const server = new AppProcess('app', serverArgs, env, appDir)
  server.start({ taskset: SERVER_CPU })
  try {
    await server.waitForHttp(`${baseUrl}/health/live`)
    const member = await signIn(baseUrl, 'member1@bench.example')
    const board = await signIn(baseUrl, 'member2@bench.example')
    const check = await fetch(`${baseUrl}/members?after=${memberDeep.after}`, {
      headers: { cookie: member },
    })
    const checkHtml = await check.text()
    const listed = checkHtml.match(/class="directory-card"/g)?.length ?? 0
    if (check.status !== 200 || listed === 0)
      throw new Error(`deep page answered ${check.status} with ${listed} members`)
    return {
      memberFirstPage: await load(`${baseUrl}/members`, 'member, page 1', member),
      memberDeepPage: {
        page: memberDeep.page,
        visibleMembers: memberDeep.visible,
        ...(await load(
          `${baseUrl}/members?after=${memberDeep.after}`,
          `member, page ${memberDeep.page}`,
          member
        )),
      },
      boardFirstPage: await load(`${baseUrl}/members`, 'board, page 1', board),
      boardDeepPage: {
        page: boardDeep.page,
        visibleMembers: boardDeep.visible,
        ...(await load(
          `${baseUrl}/members?after=${boardDeep.after}`,
          `board, page ${boardDeep.page}`,
          board
        )),
      },
      nameSearchUnloaded: await searchLatency(baseUrl, member),
      memoryRssMb: await residentMegabytes(server.pid!),
      deepCursor: memberDeep.after,
    }
  } finally {
    await server.stop()
  }
}

async function measureBaseline(viewerId: number, deepAfter: string) {
  const port = await freePort()
  const bare = new AppProcess(
    'baseline',
    [join(root, 'bench', 'directory_baseline.ts'), String(port), sqliteFile, String(viewerId)],
    { PATH: process.env.PATH },
    root
  )
  bare.start({ taskset: SERVER_CPU })
  try {
    await bare.waitForHttp(`http://127.0.0.1:${port}/members`)
    return {
      firstPage: await load(`http://127.0.0.1:${port}/members`, 'baseline, page 1'),
      deepPage: await load(
        `http://127.0.0.1:${port}/members?after=${deepAfter}`,
        'baseline, deep page'
      ),
    }
  } finally {
    await bare.stop()
  }
}

const appDir = fromSource ? root : join(root, 'build')
const serverArgs = fromSource ? ['--import=@poppinss/ts-exec', 'bin/server.ts'] : ['bin/server.js']
const aceArgs = fromSource ? ['--import=@poppinss/ts-exec', 'ace.js'] : ['ace.js']

if (!fromSource) {
  await run(process.execPath, [
    'ace.js',
    'build',
    ...(args.has('ignore-ts-errors') ? ['--ignore-ts-errors'] : []),
  ])
}

async function prepare(database: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv) {
  const started = performance.now()
  if (database === 'postgres') {
    const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' })
    await admin.connect()
    await admin.query(`drop database if exists ${PG_DATABASE}`)
    await admin.query(`create database ${PG_DATABASE}`)
    await admin.end()
  } else {
    if (existsSync(sqliteFile) && !args.has('reseed')) return null
    rmSync(sqliteFile, { force: true })
    rmSync(`${sqliteFile}-wal`, { force: true })
    rmSync(`${sqliteFile}-shm`, { force: true })
  }
  await run(
    process.execPath,
    [...aceArgs, 'migration:run', '--force', '--no-schema-generate'],
    appDir,
    env
  )
  const output = await run(
    process.execPath,
    [...aceArgs, 'members:seed-bench', `--count=${members}`, '--force'],
    appDir,
    env
  )
  if (database === 'postgres') {
    const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: PG_DATABASE })
    await client.connect()
    // A freshly loaded database has no statistics until autovacuum gets to it.
    await client.query('analyze')
    await client.end()
  }
  return { seconds: Math.round((performance.now() - started) / 100) / 10, output: output.trim() }
}

const results: Record<string, any> = {
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
    membersInGoodStanding: members,
    perPage: PER_PAGE,
  },
  goals: {
    sqliteRequestsPerSecond: 1500,
    latencyP99Ms: 50,
    postgresShareOfSqlite: 0.6,
    shareOfBaseline: 0.45,
    deepPageSlowdownAtMost: 1.5,
    nameSearchP99Ms: 20,
  },
}

{
  const port = await freePort()
  const env = appEnv(port, 'sqlite')
  results.sqliteSeed = (await prepare('sqlite', env)) ?? 'reused'
  const app = await measureApp('sqlite', `http://127.0.0.1:${port}`, env)
  const baseline = await measureBaseline(1, app.deepCursor)
  results.sqlite = app
  results.baseline = baseline
  results.sqliteShareOfBaseline = {
    firstPage:
      Math.round(
        (app.memberFirstPage.requestsPerSecond / baseline.firstPage.requestsPerSecond) * 1000
      ) / 1000,
    deepPage:
      Math.round(
        (app.memberDeepPage.requestsPerSecond / baseline.deepPage.requestsPerSecond) * 1000
      ) / 1000,
  }
  results.sqliteDeepPageSlowdown = {
    member:
      Math.round(
        (app.memberFirstPage.requestsPerSecond / app.memberDeepPage.requestsPerSecond) * 100
      ) / 100,
    board:
      Math.round(
        (app.boardFirstPage.requestsPerSecond / app.boardDeepPage.requestsPerSecond) * 100
      ) / 100,
  }
}

if (args.has('postgres')) {
  const port = await freePort()
  const env = appEnv(port, 'postgres')
  results.postgresSeed = await prepare('postgres', env)
  const app = await measureApp('postgres', `http://127.0.0.1:${port}`, env)
  results.postgres = app
  results.postgresShareOfSqlite =
    Math.round(
      (app.memberFirstPage.requestsPerSecond / results.sqlite.memberFirstPage.requestsPerSecond) *
        1000
    ) / 1000
}

const day = new Date().toISOString().slice(0, 10)
const output = join(root, 'bench', 'results', `${day}-directory.json`)
writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`)
process.stdout.write(
  `${JSON.stringify(results, null, 2)}\nwritten to ${output.slice(root.length + 1)}\n`
)
