import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/', [controllers.pages.Dashboard, 'show']).as('admin.dashboard')
  })
  .prefix('/admin')
  .use([globalThrottle, middleware.auth(), middleware.verified()])
