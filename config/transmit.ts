import env from '#start/env'
import { defineConfig } from '@adonisjs/transmit'
import { redis } from '@boringnode/bus/transports/redis'
import { useRedis } from '#config/redis'

/*
 * With Redis configured, a message broadcast by one app instance reaches subscribers connected
 * to any other instance.
 */
export default defineConfig({
  pingInterval: '30s',
  transport: useRedis
    ? {
        driver: redis({
          host: env.get('REDIS_HOST', '127.0.0.1'),
          port: env.get('REDIS_PORT', 6379),
          password: env.get('REDIS_PASSWORD'),
        }),
      }
    : null,
})
