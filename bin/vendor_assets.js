/*
 * Copies the browser builds of front-end packages into public/vendor/ (git-ignored), so pages
 * load them from our own origin without a bundler. Runs after every npm install.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const assets = {
  'pico.min.css': '@picocss/pico/css/pico.min.css',
  'transmit-client.js': '@adonisjs/transmit-client/build/index.js',
  'zxcvbn-core.js': '@zxcvbn-ts/core/dist/zxcvbn-ts.js',
  'zxcvbn-language-common.js': '@zxcvbn-ts/language-common/dist/zxcvbn-ts.js',
  'zxcvbn-language-en.js': '@zxcvbn-ts/language-en/dist/zxcvbn-ts.js',
}

const target = join(root, 'public', 'vendor')
mkdirSync(target, { recursive: true })
for (const [name, source] of Object.entries(assets)) {
  copyFileSync(join(root, 'node_modules', source), join(target, name))
}
