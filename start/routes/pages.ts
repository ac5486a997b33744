import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/', [controllers.pages.Pages, 'home']).as('home')
    router
      .get('/dashboard', [controllers.pages.Dashboard, 'show'])
      .as('dashboard')
      .use([middleware.auth(), middleware.verified()])
  })
  .use(globalThrottle)
