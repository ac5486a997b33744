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
import { join } from 'node:path'
import { AppProcess, freePort } from '#tests/helpers/processes'
import {
  SERVER_CPU,
  appEnv,
  benchOptions,
  buildUnlessFromSource,
  flushBenchRedis,
  freshWorkDir,
  load as loadUrl,
  loadAverage,
  machine,
  redisEnv,
  run,
  signIn,
  visitorCookies,
  writeResults,
} from './support.js'

const options = benchOptions()
const { args, fromSource, duration, connections, appDir, serverArgs } = options
const withRedis = args.has('redis')
const posts = Number(args.get('posts') ?? 1000)
const DEMO_PASSWORD = 'guildhall demo 2024'

const startLoad = loadAverage()
const workDir = freshWorkDir('bench-news')

async function load(url: string, visitor: string, cookie?: string) {
  return { url: new URL(url).pathname, visitor, ...(await loadUrl(url, options, cookie)) }
}

const ext = fromSource ? 'ts' : 'js'

await buildUnlessFromSource(options)
if (withRedis) await flushBenchRedis()

const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const env = appEnv(port, {
  DB_CONNECTION: 'sqlite',
  SQLITE_FILE: join(workDir, 'bench.sqlite3'),
  ...redisEnv(withRedis),
  SEED_DEMO_DATA: 'true',
  NEWS_DEMO_POSTS: String(posts),
})
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
  const member = await signIn(
    baseUrl,
    { email: 'member@example.org', password: DEMO_PASSWORD },
    'dashboard'
  )
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
    mode: options.mode,
    machine: machine(startLoad),
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

writeResults(withRedis ? '-news-redis' : '-news', results)
