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
 *   (bench/directory_baseline.ts), first and deep page, and the portal's share of it: in
 *   requests per second, and in server CPU time per request of a member's page 1, the two
 *   servers measured in alternating rounds (steadier on a shared machine, see
 *   pairedCpuPerRequest in bench/support.ts);
 * - name search, one request at a time (unloaded): p50 and p99 over a mix of prefixes, full
 *   names, a rare pair and a miss; and, for context, searches that match the institution,
 *   field or interests of thousands of members.
 */
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppProcess, freePort } from '#tests/helpers/processes'
import {
  SERVER_CPU,
  appEnv,
  benchOptions,
  buildUnlessFromSource,
  load as loadUrl,
  loadAverage,
  machine,
  pairedCpuPerRequest,
  ratio,
  residentMegabytes,
  root,
  run,
  signIn as signInWith,
  writeResults,
} from './support.js'

// Drivers without bundled types; the bench only needs a handful of calls.
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')
const pg = require('pg')
const options = benchOptions()
const { args, fromSource, duration, connections, appDir, serverArgs } = options
const members = Number(args.get('members') ?? 100_000)
const PASSWORD = 'correct horse battery staple'
const PER_PAGE = 50
const PG_DATABASE = 'guildhall_directory_bench'
const NAME_KEY = "lower(coalesce(nullif(users.display_name, ''), users.full_name))"

const startLoad = loadAverage()
// Not emptied: the seeded database is reused between runs (--reseed rebuilds it).
const workDir = join(root, 'tmp', 'bench-directory')
mkdirSync(workDir, { recursive: true })
const sqliteFile = join(workDir, `directory-${members}.sqlite3`)

function directoryEnv(port: number, database: 'sqlite' | 'postgres') {
  return appEnv(port, {
    DB_CONNECTION: database,
    SQLITE_FILE: sqliteFile,
    PG_HOST: '127.0.0.1',
    PG_USER: 'postgres',
    PG_DB_NAME: PG_DATABASE,
    REDIS_HOST: '',
    DIRECTORY_PUBLIC: 'false',
  })
}

async function load(url: string, label: string, cookie?: string) {
  return { label, ...(await loadUrl(url, options, cookie)) }
}

function signIn(baseUrl: string, email: string) {
  return signInWith(baseUrl, { email, password: PASSWORD })
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const NAME_SEARCHES = [
  'lov',
  'ada',
  'hopper',
  'grace hop',
  'okafor',
  'tanaka',
  'hypatia yilmaz',
  'zzyzx',
]
// An institution, a word of seven institutions, an interest: 21,000, 63,000 and 13,000 matches.
const PROFILE_SEARCHES = ['Kyoto', 'university', 'coral reefs']

/** Searches one at a time: latency without load. */
async function searchLatency(
  baseUrl: string,
  cookie: string,
  queries: string[],
  goalP99Ms?: number
) {
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
    ...(goalP99Ms ? { goalP99Ms } : {}),
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
  env: NodeJS.ProcessEnv,
  baseline?: Baseline
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
      nameSearchUnloaded: await searchLatency(baseUrl, member, NAME_SEARCHES, 20),
      profileSearchUnloaded: await searchLatency(baseUrl, member, PROFILE_SEARCHES),
      memoryRssMb: residentMegabytes(server.pid!).rssMb,
      deepCursor: memberDeep.after,
      ...(baseline && {
        baseline: await measureBaseline(baseline, memberDeep.after),
        cpuPerRequest: await pairedCpuPerRequest(
          { label: 'portal', url: `${baseUrl}/members`, pid: server.pid!, cookie: member },
          { label: 'baseline', url: `${baseline.url}/members`, pid: baseline.process.pid! }
        ),
      }),
    }
  } finally {
    await server.stop()
  }
}

/**
 * The raw baseline (bench/directory_baseline.ts) for one signed-in member, started beside the
 * portal so the two can be measured in turns.
 */
async function startBaseline(viewerId: number) {
  const port = await freePort()
  const bare = new AppProcess(
    'baseline',
    [join(root, 'bench', 'directory_baseline.ts'), String(port), sqliteFile, String(viewerId)],
    { PATH: process.env.PATH },
    root
  )
  bare.start({ taskset: SERVER_CPU })
  const url = `http://127.0.0.1:${port}`
  await bare.waitForHttp(`${url}/members`)
  return { process: bare, url }
}

type Baseline = Awaited<ReturnType<typeof startBaseline>>

async function measureBaseline(baseline: Baseline, deepAfter: string) {
  return {
    firstPage: await load(`${baseline.url}/members`, 'baseline, page 1'),
    deepPage: await load(`${baseline.url}/members?after=${deepAfter}`, 'baseline, deep page'),
  }
}

const aceArgs = fromSource ? ['--import=@poppinss/ts-exec', 'ace.js'] : ['ace.js']

await buildUnlessFromSource(options)

async function prepare(database: 'sqlite' | 'postgres', env: NodeJS.ProcessEnv) {
  const started = performance.now()
  if (database === 'postgres') {
    const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' })
    await admin.connect()
    await admin.query(`drop database if exists ${PG_DATABASE}`)
    await admin.query(`create database ${PG_DATABASE}`)
    await admin.end()
  } else {
    if (existsSync(sqliteFile) && !args.has('reseed')) {
      // Kept data, current schema: migrations added since the seeding still apply.
      await run(
        process.execPath,
        [...aceArgs, 'migration:run', '--force', '--no-schema-generate'],
        appDir,
        env
      )
      return null
    }
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
    // A freshly loaded database has no statistics until autovacuum gets to it, and the
    // seeding's triggers left a dead version of every search row behind.
    await client.query('vacuum analyze')
    await client.end()
  }
  return { seconds: Math.round((performance.now() - started) / 100) / 10, output: output.trim() }
}

const results: Record<string, any> = {
  date: new Date().toISOString(),
  mode: options.mode,
  machine: machine(startLoad),
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
  const env = directoryEnv(port, 'sqlite')
  results.sqliteSeed = (await prepare('sqlite', env)) ?? 'reused'
  const bare = await startBaseline(1)
  let measured
  try {
    measured = await measureApp('sqlite', `http://127.0.0.1:${port}`, env, bare)
  } finally {
    await bare.process.stop()
  }
  const { baseline, cpuPerRequest, ...app } = measured
  results.sqlite = app
  results.baseline = baseline
  results.cpuPerRequest = cpuPerRequest
  results.sqliteShareOfBaseline = {
    firstPage: ratio(app.memberFirstPage.requestsPerSecond, baseline!.firstPage.requestsPerSecond),
    deepPage: ratio(app.memberDeepPage.requestsPerSecond, baseline!.deepPage.requestsPerSecond),
    cpuPerRequest: cpuPerRequest!.medianShare,
  }
  results.sqliteDeepPageSlowdown = {
    member: ratio(app.memberFirstPage.requestsPerSecond, app.memberDeepPage.requestsPerSecond, 2),
    board: ratio(app.boardFirstPage.requestsPerSecond, app.boardDeepPage.requestsPerSecond, 2),
  }
}

if (args.has('postgres')) {
  const port = await freePort()
  const env = directoryEnv(port, 'postgres')
  results.postgresSeed = await prepare('postgres', env)
  const app = await measureApp('postgres', `http://127.0.0.1:${port}`, env)
  results.postgres = app
  results.postgresShareOfSqlite = ratio(
    app.memberFirstPage.requestsPerSecond,
    results.sqlite.memberFirstPage.requestsPerSecond
  )
}

writeResults('-directory', results)
