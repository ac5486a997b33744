/*
 * `npm run demo`: from a fresh clone to a running portal in one command.
 *
 * Installs the dependencies when they are missing, creates `.env` from `.env.example` with a
 * fresh APP_KEY, migrates the database, seeds the demo data, then runs the HTTP server and the
 * queue worker side by side until one of them stops or the user presses Ctrl+C.
 *
 * Only Node.js built-ins may be imported here: this script runs before `npm ci`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ensureDependencies, root } from './dependencies.js'

function say(message) {
  process.stdout.write(`\n[guildhall] ${message}\n`)
}

function fail(message) {
  process.stderr.write(`\n[guildhall] ${message}\n`)
  process.exit(1)
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    fail(`"${[command, ...args].join(' ')}" failed (exit code ${result.status ?? result.signal}).`)
  }
}

ensureDependencies()

const envFile = join(root, '.env')
if (!existsSync(envFile)) {
  const appKey = randomBytes(32).toString('base64url')
  const example = readFileSync(join(root, '.env.example'), 'utf8')
  writeFileSync(envFile, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${appKey}`), { mode: 0o600 })
  say('Created .env from .env.example with a freshly generated APP_KEY.')
}

// The generated barrels (controllers, policies, route names) must match the sources.
run(process.execPath, ['ace', 'codegen'])

say('Applying database migrations...')
run(process.execPath, ['ace', 'migration:run'])

say('Seeding demo data...')
run(process.execPath, ['ace', 'db:seed', '--files=database/seeders/main_seeder.ts'])

/*
 * The server runs from TypeScript sources through the same loader `node ace` uses; the worker
 * is an ace command. Both inherit this terminal.
 */
const children = [
  spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['ace', 'queue:work'], { cwd: root, stdio: 'inherit' }),
]

let stopping = false
function stopAll(signal) {
  stopping = true
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(signal))
}

for (const child of children) {
  child.on('exit', (code, signal) => {
    // One half without the other is not a working portal: bring the other half down too.
    if (!stopping) {
      say(`A process stopped (${code ?? signal}); shutting down.`)
      stopAll('SIGTERM')
    }
    if (children.every((each) => each.exitCode !== null || each.signalCode !== null)) {
      const failed = children.some((each) => each.exitCode !== 0)
      process.exit(stopping && !failed ? 0 : 1)
    }
  })
}

const port = process.env.PORT || readEnvValue('PORT') || '3333'
const url = `http://localhost:${port}`
waitForServer(url).then((ready) => {
  if (ready) say(`Guildhall is running at ${url} (the demo logins are listed above). Ctrl+C stops it.`)
})

function readEnvValue(name) {
  const match = readFileSync(envFile, 'utf8').match(new RegExp(`^${name}=(.*)$`, 'm'))
  return match?.[1]?.trim()
}

async function waitForServer(target) {
  for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
    try {
      await fetch(`${target}/health/live`)
      return true
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  return false
}
