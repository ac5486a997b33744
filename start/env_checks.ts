/*
 * Rules that span several environment variables, checked right after start/env.ts has parsed
 * them. A broken configuration stops the boot with one line naming the variables, instead of
 * failing later on the first request, mail or upload.
 */
import { errors } from '@adonisjs/core/env'

interface EnvReader {
  get(key: string): unknown
}

const MIN_APP_KEY_LENGTH = 32

function isBlank(value: unknown) {
  return value === undefined || value === null || String(value).trim() === ''
}

function secretValue(value: unknown) {
  if (value && typeof value === 'object' && 'release' in value) {
    return String((value as { release(): unknown }).release())
  }
  return isBlank(value) ? '' : String(value)
}

/**
 * Lists what is wrong with the configuration, one message per variable.
 */
export function configurationProblems(env: EnvReader): string[] {
  const problems: string[] = []
  const production = env.get('NODE_ENV') === 'production'
  const requireAll = (keys: string[], reason: string) => {
    for (const key of keys) {
      if (isBlank(env.get(key))) problems.push(`Missing environment variable "${key}" (${reason})`)
    }
  }

  if (production && secretValue(env.get('APP_KEY')).length < MIN_APP_KEY_LENGTH) {
    problems.push(
      `Environment variable "APP_KEY" must be at least ${MIN_APP_KEY_LENGTH} characters in production (generate one with "node ace generate:key")`
    )
  }
  if (production) {
    requireAll(['SMTP_HOST'], 'production sends mail through SMTP')
  }
  if (env.get('DB_CONNECTION') === 'postgres') {
    requireAll(['PG_HOST', 'PG_USER', 'PG_DB_NAME'], 'required when DB_CONNECTION=postgres')
  }
  if (env.get('DRIVE_DISK') === 's3') {
    requireAll(
      ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
      'required when DRIVE_DISK=s3'
    )
  }
  if (env.get('QUEUE_DRIVER') === 'redis') {
    requireAll(['REDIS_HOST'], 'required when QUEUE_DRIVER=redis')
  }
  return problems
}

/**
 * Throws the same exception as the schema validation, so bin/server.ts reports both alike.
 */
export function assertValidConfiguration(env: EnvReader) {
  const problems = configurationProblems(env)
  if (problems.length) {
    const error = new errors.E_INVALID_ENV_VARIABLES()
    error.help = problems.map((problem) => `- ${problem}`).join('\n')
    throw error
  }
}
