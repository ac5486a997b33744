import { defineConfig, stores } from '@adonisjs/limiter'
import { useRedis } from '#config/redis'

/*
 * Counters live where every app instance can see them: Redis when configured, otherwise the
 * `rate_limits` table. The named limits themselves are in start/limiter.ts.
 */
const limiterConfig = defineConfig({
  default: useRedis ? 'redis' : 'database',
  stores: {
    redis: stores.redis({ connectionName: 'main' }),
    database: stores.database({ tableName: 'rate_limits' }),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
