import { test } from '@japa/runner'
import { configurationProblems } from '#start/env_checks'

const VALID_KEY = 'a'.repeat(43)

function problemsFor(values: Record<string, unknown>) {
  return configurationProblems({ get: (key: string) => values[key] })
}

test.group('Configuration checks', () => {
  test('a complete production configuration passes', ({ assert }) => {
    assert.deepEqual(
      problemsFor({ NODE_ENV: 'production', APP_KEY: VALID_KEY, SMTP_HOST: 'smtp.example.org' }),
      []
    )
  })

  test('production refuses an APP_KEY shorter than 32 characters', ({ assert }) => {
    const problems = problemsFor({
      NODE_ENV: 'production',
      APP_KEY: 'too-short',
      SMTP_HOST: 'smtp.example.org',
    })
    assert.lengthOf(problems, 1)
    assert.include(problems[0], '"APP_KEY"')
    assert.include(problems[0], '32')
  })

  test('development accepts any APP_KEY the schema accepts', ({ assert }) => {
    assert.deepEqual(problemsFor({ NODE_ENV: 'development', APP_KEY: 'short' }), [])
  })

  test('production needs an SMTP server; development has the dev mailbox', ({ assert }) => {
    const problems = problemsFor({ NODE_ENV: 'production', APP_KEY: VALID_KEY })
    assert.deepEqual(problems, [
      'Missing environment variable "SMTP_HOST" (production sends mail through SMTP)',
    ])
    assert.deepEqual(problemsFor({ NODE_ENV: 'development', APP_KEY: VALID_KEY }), [])
  })

  test('PostgreSQL needs its host, user and database name', ({ assert }) => {
    const problems = problemsFor({
      NODE_ENV: 'development',
      DB_CONNECTION: 'postgres',
      PG_HOST: '127.0.0.1',
    })
    assert.lengthOf(problems, 2)
    assert.include(problems[0], '"PG_USER"')
    assert.include(problems[1], '"PG_DB_NAME"')
    assert.deepEqual(
      problemsFor({
        DB_CONNECTION: 'postgres',
        PG_HOST: 'db',
        PG_USER: 'guildhall',
        PG_DB_NAME: 'guildhall',
      }),
      []
    )
    assert.deepEqual(problemsFor({ DB_CONNECTION: 'sqlite' }), [])
  })

  test('S3 storage needs a bucket, a region and credentials', ({ assert }) => {
    const problems = problemsFor({ DRIVE_DISK: 's3', S3_BUCKET: 'uploads', S3_REGION: ' ' })
    assert.deepEqual(
      problems.map((problem) => problem.match(/"(\w+)"/)![1]),
      ['S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']
    )
  })

  test('a Redis queue needs a Redis server', ({ assert }) => {
    assert.include(problemsFor({ QUEUE_DRIVER: 'redis' })[0], '"REDIS_HOST"')
    assert.deepEqual(problemsFor({ QUEUE_DRIVER: 'redis', REDIS_HOST: '127.0.0.1' }), [])
  })
})
