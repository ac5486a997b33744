import { test } from '@japa/runner'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppProcess, freePort } from '#tests/functional/background/app_process'

/*
 * The server is started as in production, with only the variables given here: ENV_PATH points
 * at an empty folder so no .env file fills the gaps.
 */
test.group('Boot-time configuration checks', (group) => {
  let emptyEnvDir = ''
  group.setup(async () => {
    emptyEnvDir = await mkdtemp(join(tmpdir(), 'guildhall-env-'))
    return () => rm(emptyEnvDir, { recursive: true, force: true })
  })

  async function boot(values: Record<string, string>) {
    const port = await freePort()
    const server = AppProcess.server({
      PATH: process.env.PATH,
      ENV_PATH: emptyEnvDir,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      APP_KEY: 'k'.repeat(43),
      SMTP_HOST: '127.0.0.1',
      SQLITE_FILE: join(emptyEnvDir, 'db.sqlite3'),
      LOG_LEVEL: 'silent',
      ...values,
    })
    const exitCode = await Promise.race([
      server.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 20_000)),
    ])
    await server.stop()
    return { exitCode, output: server.output.trim() }
  }

  function assertOneLineNaming(output: string, variable: string, assert: any) {
    assert.notInclude(output, '\n', 'a single line')
    assert.notMatch(output, /\bat .+:\d+:\d+/, 'no stack trace')
    assert.include(output, `"${variable}"`)
  }

  test('a short APP_KEY stops a production boot with one line', async ({ assert }) => {
    const { exitCode, output } = await boot({ APP_KEY: 'only-twenty-chars-xx' })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'APP_KEY', assert)
  }).timeout(30_000)

  test('a missing APP_KEY stops the boot with one line', async ({ assert }) => {
    const { exitCode, output } = await boot({ APP_KEY: '' })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'APP_KEY', assert)
  }).timeout(30_000)

  test('production without SMTP_HOST does not boot', async ({ assert }) => {
    const { exitCode, output } = await boot({ SMTP_HOST: '' })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'SMTP_HOST', assert)
  }).timeout(30_000)

  test('PostgreSQL without a database name does not boot', async ({ assert }) => {
    const { exitCode, output } = await boot({
      DB_CONNECTION: 'postgres',
      PG_HOST: '127.0.0.1',
      PG_USER: 'postgres',
    })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'PG_DB_NAME', assert)
  }).timeout(30_000)

  test('S3 storage without credentials does not boot', async ({ assert }) => {
    const { exitCode, output } = await boot({
      DRIVE_DISK: 's3',
      S3_BUCKET: 'uploads',
      S3_REGION: 'eu-west-1',
    })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'S3_ACCESS_KEY_ID', assert)
  }).timeout(30_000)

  test('a malformed value is reported the same way', async ({ assert }) => {
    const { exitCode, output } = await boot({ PORT: 'eighty' })
    assert.notEqual(exitCode, 0)
    assert.notEqual(exitCode, 'still running')
    assertOneLineNaming(output, 'PORT', assert)
  }).timeout(30_000)
})
