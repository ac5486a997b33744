/*
 * Every environment variable the portal reads, validated at boot. A missing or malformed value
 * stops the boot with a one-line message naming the variable (see bin/server.ts).
 * `.env.example` documents each one.
 */
import { Env } from '@adonisjs/core/env'
import { assertValidConfiguration } from '#start/env_checks'

const env = await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string({ format: 'url', tld: false }),
  APP_NAME: Env.schema.string.optional(),
  APP_TIMEZONE: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  TRUSTED_PROXIES: Env.schema.string.optional(),
  SECURITY_CONTACT: Env.schema.string.optional(),
  RATE_LIMIT_GLOBAL_PER_MINUTE: Env.schema.number.optional(),

  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'postgres'] as const),
  SQLITE_FILE: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional({ format: 'host' }),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.string.optional(),
  PG_DB_NAME: Env.schema.string.optional(),

  REDIS_HOST: Env.schema.string.optional({ format: 'host' }),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  REDIS_DB: Env.schema.number.optional(),

  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USER: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string.optional({ format: 'email' }),
  MAIL_FROM_NAME: Env.schema.string.optional(),

  DRIVE_DISK: Env.schema.enum.optional(['fs', 's3'] as const),
  S3_BUCKET: Env.schema.string.optional(),
  S3_REGION: Env.schema.string.optional(),
  S3_ENDPOINT: Env.schema.string.optional(),
  S3_ACCESS_KEY_ID: Env.schema.string.optional(),
  S3_SECRET_ACCESS_KEY: Env.schema.string.optional(),

  CLAMD_HOST: Env.schema.string.optional(),
  CLAMD_PORT: Env.schema.number.optional(),
  DOCUMENTS_MAX_UPLOAD_MB: Env.schema.number.optional(),
  DOCUMENTS_QUOTA_MB: Env.schema.number.optional(),

  QUEUE_DRIVER: Env.schema.enum.optional(['database', 'redis', 'sync'] as const),

  SEED_DEMO_DATA: Env.schema.boolean.optional(),
  // Whether visitors (and signed-in non-members) may see the public profiles in the member
  // directory; when false the directory is for members only.
  DIRECTORY_PUBLIC: Env.schema.boolean.optional(),
  // Generated public news posts the news seeder adds (for the news benchmark).
  NEWS_DEMO_POSTS: Env.schema.number.optional(),
})

assertValidConfiguration(env)

export default env
