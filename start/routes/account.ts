import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/account/profile', [controllers.pages.Dashboard, 'show']).as('profile.edit')
    router.get('/account/sessions', [controllers.pages.Dashboard, 'show']).as('account_sessions.index')
  })
  .use([globalThrottle, middleware.auth()])
