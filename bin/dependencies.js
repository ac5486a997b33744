/*
 * Installs the npm dependencies when they are missing, so `npm run demo` and `npm test` work
 * straight after a clone. Uses Node.js built-ins only: it runs before anything is installed.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../', import.meta.url))

export function ensureDependencies() {
  const nodeMajor = Number(process.versions.node.split('.')[0])
  if (nodeMajor < 24) {
    process.stderr.write(`Guildhall needs Node.js 24 or newer (this is ${process.version}). Run ". bin/node24.sh" first.\n`)
    process.exit(1)
  }
  if (existsSync(join(root, 'node_modules', '@adonisjs', 'core', 'package.json'))) return

  const command = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install'
  process.stdout.write(`Installing dependencies (npm ${command})...\n`)
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', [command, '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    process.stderr.write(`npm ${command} failed.\n`)
    process.exit(1)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDependencies()
}
