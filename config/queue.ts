import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, drivers, exponentialBackoff } from '@adonisjs/queue'
import { useRedis } from '#config/redis'

/*
 * Jobs are stored in the database (or Redis when configured), so a queued mail survives a
 * restart and a worker that dies mid-job: its job is recovered as stalled and run again.
 * Tests run jobs inline (sync) unless a test picks an adapter itself.
 */
const defaultAdapter = app.inTest ? 'sync' : useRedis ? 'redis' : 'database'

const queueConfig = defineConfig({
  default: env.get('QUEUE_DRIVER', defaultAdapter),
  adapters: {
    database: drivers.database({ connectionName: env.get('DB_CONNECTION', 'sqlite') }),
    redis: drivers.redis({ connectionName: 'main' }),
    sync: drivers.sync(),
  },
  retry: {
    maxRetries: 5,
    backoff: exponentialBackoff({ baseDelay: '5s', maxDelay: '30m' }),
  },
  defaultJobOptions: {
    removeOnComplete: { age: '7d', count: 1000 },
    removeOnFail: false,
  },
  worker: {
    // One job at a time per worker process; run more processes to go faster. With more, the
    // worker of @boringnode/queue 0.6.0 mishandles a job that outlasts idleDelay and pauses 5 s.
    concurrency: 1,
    idleDelay: '1s',
    stalledThreshold: '60s',
    stalledInterval: '30s',
    maxStalledCount: 3,
    gracefulShutdown: true,
  },
  locations: ['./app/jobs/**/*.{ts,js}'],
})

export default queueConfig
