import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

/*
 * Probes are polled every few seconds by the load balancer: they stay out of the rate limits.
 */
router.get('/health/live', [controllers.operations.HealthChecks, 'live']).as('health.live')
router.get('/health/ready', [controllers.operations.HealthChecks, 'ready']).as('health.ready')

router
  .get('/.well-known/security.txt', [controllers.operations.SecurityTxt, 'show'])
  .as('security_txt.show')
  .use(globalThrottle)

router
  .group(() => {
    router.get('/', [controllers.dev.Mailbox, 'index']).as('dev.mailbox.index')
    router
      .get('/:id', [controllers.dev.Mailbox, 'show'])
      .as('dev.mailbox.show')
      .where('id', router.matchers.number())
  })
  .prefix('/dev/mailbox')
  .use([middleware.devOnly(), globalThrottle])
