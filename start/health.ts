/*
 * What "ready" means: the database answers, the queue's storage answers, and Redis answers
 * when it is configured. Liveness (/health/live) checks none of these on purpose: a database
 * outage should take the instance out of the load balancer, not restart it.
 */
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { DbCheck } from '@adonisjs/lucid/database'
import { RedisCheck } from '@adonisjs/redis'
import { HealthChecks } from '@adonisjs/core/health'
import { useRedis } from '#config/redis'
import { QueueCheck } from '#services/operations/queue_check'

export const healthChecks = new HealthChecks().register([
  new DbCheck(db.connection()),
  new QueueCheck(),
  ...(useRedis ? [new RedisCheck(redis.connection())] : []),
])
