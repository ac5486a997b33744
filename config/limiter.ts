import { defineConfig, stores } from '@adonisjs/limiter'
import { useRedis } from '#config/redis'

/*
 * Counters live where every app instance can see them: Redis when configured, otherwise the
 * `rate_limits` table. The named limits themselves are in start/limiter.ts.
 *
 * `memory` serves only the site-wide flood limit without Redis: counting every request in the
 * database would add a write to each one, and a deployment of several instances runs Redis.
 */
const limiterConfig = defineConfig({
  default: useRedis ? 'redis' : 'database',
  stores: {
    redis: stores.redis({ connectionName: 'main' }),
    database: stores.database({ tableName: 'rate_limits' }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
