import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { QueueManager, Worker } from '@adonisjs/queue'
import type { QueueConfig } from '@adonisjs/queue/types'

type WorkerOptions = NonNullable<QueueConfig['worker']>

/**
 * The app's queue configuration with adapters resolved, as the queue provider builds it.
 */
async function resolvedConfig(overrides: Partial<QueueConfig> = {}) {
  const config = app.config.get<QueueConfig>('queue')
  const adapters: Record<string, any> = {}
  for (const [name, adapter] of Object.entries(config.adapters)) {
    adapters[name] = typeof adapter === 'function' ? adapter : await (adapter as any).resolver(app)
  }
  return {
    ...config,
    ...overrides,
    adapters,
    autoLoadJobs: false,
    jobFactory: (JobClass: any) => app.container.make(JobClass),
    logger: await app.container.make('logger'),
    worker: { ...config.worker, ...overrides.worker },
  }
}

/**
 * Points the process's queue at the `database` adapter (tests otherwise run jobs inline), with
 * short timings so retries and stalled-job recovery happen within a test.
 */
export async function useDatabaseQueue(overrides: Partial<QueueConfig> = {}) {
  const config = await resolvedConfig({
    default: 'database',
    ...overrides,
    worker: {
      concurrency: 1,
      idleDelay: '20ms',
      stalledThreshold: '400ms',
      stalledInterval: '100ms',
      gracefulShutdown: false,
      ...overrides.worker,
    },
  })
  await QueueManager.init(config)
  return config
}

/**
 * Back to the configuration the provider set up.
 */
export async function restoreQueue() {
  await stopAllWorkers()
  await QueueManager.init(await resolvedConfig())
}

export async function clearQueueTables() {
  await db.from('queue_jobs').delete()
  await db.from('queue_schedules').delete()
}

export function jobRows() {
  return db.from('queue_jobs').select('id', 'status', 'data', 'error', 'execute_at', 'worker_id')
}

export async function hasJobWithStatus(status: string) {
  const rows = await jobRows()
  return rows.some((row) => row.status === status)
}

/**
 * The stored job data (attempts, stalledCount, payload) of the only job in the table.
 */
export async function onlyJobData() {
  const [row] = await jobRows()
  return JSON.parse(row.data)
}

/**
 * Starts a worker on the default queue; `stop()` lets its running jobs finish.
 */
const runningWorkers = new Set<{ stop(): Promise<void> }>()

export async function startWorker(
  config: Awaited<ReturnType<typeof useDatabaseQueue>>,
  worker: WorkerOptions = {}
) {
  const instance = new Worker({ ...config, worker: { ...config.worker, ...worker } })
  await instance.init()
  const running = instance.start(['default'])
  const handle = {
    instance,
    async stop() {
      runningWorkers.delete(handle)
      await instance.stop()
      await running
    },
  }
  runningWorkers.add(handle)
  return handle
}

/**
 * Stops the workers a failed test left running, so they do not take the next test's jobs.
 */
export async function stopAllWorkers() {
  await Promise.all([...runningWorkers].map((handle) => handle.stop()))
}

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
