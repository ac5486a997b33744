import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle, loginThrottle } from '#start/limiter'

router
  .group(() => {
    router.get('/login', [controllers.auth.Session, 'create']).as('session.create')
    router.post('/login', [controllers.auth.Session, 'store']).as('session.store').use(loginThrottle)
    router.get('/register', [controllers.auth.Session, 'create']).as('registration.create')
  })
  .use([globalThrottle, middleware.guest()])

router.post('/logout', [controllers.auth.Session, 'destroy']).as('session.destroy').use([globalThrottle, middleware.auth()])
