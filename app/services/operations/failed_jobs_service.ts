import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { SimplePaginator } from '@adonisjs/lucid/database'
import queue from '@adonisjs/queue/services/main'
import redis from '@adonisjs/redis/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import type { JobData } from '@adonisjs/queue/types'
import env from '#start/env'
import { useRedis } from '#config/redis'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import { affectedRows } from '#services/database/affected_rows'

export interface FailedJob {
  id: string
  queue: string
  name: string
  attempts: number
  error: string | null
  failedAt: DateTime | null
  /** What the job was about, safe to show: a mail's recipient and subject, never its body. */
  summary: string | null
}

export type QueueBackend = 'database' | 'redis'

const JOBS_TABLE = 'queue_jobs'
// @boringnode/queue's Redis layout: per queue, a hash of job data, and for failed jobs a hash
// of failure records plus a sorted set of their ids by failure time.
const redisKeys = (queueName: string) => ({
  data: `jobs::${queueName}::data`,
  failed: `jobs::${queueName}::failed`,
  failedIndex: `jobs::${queueName}::failed::index`,
})
// Same ordering rule as the queue's own pushes: lower priority value first, then oldest.
const DEFAULT_PRIORITY = 5
const PRIORITY_SCORE_MULTIPLIER = 1e13

function summarize(data: JobData): string | null {
  const message = data.payload?.mailMessage?.message
  if (!message) return null
  const to = Array.isArray(message.to) ? message.to : [message.to]
  const recipients = to
    .filter(Boolean)
    .map((entry: string | { address: string }) =>
      typeof entry === 'string' ? entry : entry.address
    )
    .join(', ')
  return `To ${recipients}: ${message.subject ?? '(no subject)'}`
}

function toFailedJob(
  queueName: string,
  data: JobData,
  error: string | null | undefined,
  finishedAt: number | string | null | undefined
): FailedJob {
  return {
    id: data.id,
    queue: queueName,
    name: data.name,
    attempts: data.attempts ?? 0,
    error: error ?? null,
    failedAt: finishedAt ? DateTime.fromMillis(Number(finishedAt), { zone: 'utc' }) : null,
    summary: summarize(data),
  }
}

/**
 * Jobs that ran out of retries. The queue keeps them (removeOnFail: false in config/queue.ts)
 * but has no API to list or revive them, so this reads the adapter's own storage: the
 * `queue_jobs` table or the Redis keys.
 */
export default class FailedJobsService {
  /**
   * Where jobs persist: the adapter the app queues to outside tests.
   */
  static get backend(): QueueBackend {
    const configured = env.get('QUEUE_DRIVER')
    if (configured === 'database' || configured === 'redis') return configured
    return useRedis ? 'redis' : 'database'
  }

  static #table() {
    return db.connection(env.get('DB_CONNECTION', 'sqlite')).from(JOBS_TABLE)
  }

  static async count(): Promise<number> {
    if (this.backend === 'redis') {
      const connection = redis.connection('main')
      const queues = await this.#redisQueues()
      const counts = await Promise.all(
        queues.map((name) => connection.zcard(redisKeys(name).failedIndex))
      )
      return counts.reduce((sum, value) => sum + value, 0)
    }
    const row = await this.#table().where('status', 'failed').count('* as total').first()
    return Number(row?.total ?? 0)
  }

  static async list(page = 1, perPage = 20): Promise<SimplePaginator> {
    if (this.backend === 'redis') {
      return this.#listFromRedis(page, perPage)
    }
    const rows = await this.#table()
      .where('status', 'failed')
      .orderBy('finished_at', 'desc')
      .select('id', 'queue', 'data', 'error', 'finished_at')
      .paginate(page, perPage)
    const jobs = rows
      .all()
      .map((row) => toFailedJob(row.queue, JSON.parse(row.data), row.error, row.finished_at))
    return new SimplePaginator(rows.total, perPage, page, ...jobs)
  }

  static async #find(queueName: string, id: string): Promise<FailedJob | null> {
    const record = await this.#failedRecord(queueName, id)
    return record ? toFailedJob(queueName, record.data, record.error, record.finishedAt) : null
  }

  /**
   * The failed job's stored data. On the database it is read through Lucid rather than the
   * adapter's own connection, so it sees (and joins) the current transaction.
   */
  static async #failedRecord(queueName: string, id: string) {
    if (this.backend === 'redis') {
      const record = await queue.use('redis').getJob(id, queueName)
      return record?.status === 'failed' ? record : null
    }
    const row = await this.#table()
      .where('id', id)
      .where('queue', queueName)
      .where('status', 'failed')
      .first()
    if (!row) return null
    return {
      data: JSON.parse(row.data) as JobData,
      error: row.error as string | null,
      finishedAt: row.finished_at,
    }
  }

  /**
   * Puts a failed job back in line with a fresh set of retries. Returns null when there is no
   * such failed job (already retried, or never existed).
   */
  static async retry(
    queueName: string,
    id: string,
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const record = await this.#failedRecord(queueName, id)
    if (!record) return null
    const job = toFailedJob(queueName, record.data, record.error, record.finishedAt)

    const data: JobData = { ...record.data, attempts: 0, nextRetryAt: undefined, stalledCount: 0 }
    const revived =
      this.backend === 'redis'
        ? await this.#reviveInRedis(queueName, data)
        : await this.#reviveInDatabase(queueName, data)
    if (!revived) return null

    await AuditLogService.record(
      { action: 'job.retried', actor, meta: { jobId: id, queue: queueName, job: job.name } },
      ctx
    )
    return job
  }

  static async #reviveInDatabase(queueName: string, data: JobData) {
    // One conditional update, so two admins clicking "retry" at once revive the job once.
    const updated = await this.#table()
      .where('id', data.id)
      .where('queue', queueName)
      .where('status', 'failed')
      .update({
        status: 'pending',
        data: JSON.stringify(data),
        score: (data.priority ?? DEFAULT_PRIORITY) * PRIORITY_SCORE_MULTIPLIER + Date.now(),
        error: null,
        finished_at: null,
        worker_id: null,
        acquired_at: null,
        execute_at: null,
      })
    return affectedRows(updated) > 0
  }

  static async #reviveInRedis(queueName: string, data: JobData) {
    const keys = redisKeys(queueName)
    const connection = redis.connection('main')
    const removed = await connection.hdel(keys.failed, data.id)
    if (!removed) return false
    await connection.zrem(keys.failedIndex, data.id)
    await queue.use('redis').pushOn(queueName, data)
    return true
  }

  static async #redisQueues(): Promise<string[]> {
    const connection = redis.connection('main')
    const names = new Set<string>()
    let cursor = '0'
    do {
      const [next, keys] = await connection.scan(
        cursor,
        'MATCH',
        'jobs::*::failed::index',
        'COUNT',
        100
      )
      cursor = next
      for (const key of keys) {
        names.add(key.slice('jobs::'.length, -'::failed::index'.length))
      }
    } while (cursor !== '0')
    return [...names]
  }

  static async #listFromRedis(page: number, perPage: number) {
    const connection = redis.connection('main')
    const entries: Array<{ queue: string; id: string; failedAt: number }> = []
    for (const name of await this.#redisQueues()) {
      const flat = await connection.zrange(redisKeys(name).failedIndex, 0, -1, 'WITHSCORES')
      for (let index = 0; index < flat.length; index += 2) {
        entries.push({ queue: name, id: flat[index], failedAt: Number(flat[index + 1]) })
      }
    }
    entries.sort((a, b) => b.failedAt - a.failedAt)
    const slice = entries.slice((page - 1) * perPage, page * perPage)
    // Sent together, so the page costs one round trip to Redis rather than one per job.
    const found = await Promise.all(slice.map((entry) => this.#find(entry.queue, entry.id)))
    const jobs = found.filter((job): job is FailedJob => job !== null)
    return new SimplePaginator(entries.length, perPage, page, ...jobs)
  }
}
