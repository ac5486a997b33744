import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

/*
 * The admin area. Who may do what is decided by AdminPolicy and UserPolicy in each action:
 * board members read, admins change.
 */
router
  .group(() => {
    router.get('/', [controllers.admin.Dashboard, 'show']).as('admin.dashboard')
    router.get('/users', [controllers.admin.Users, 'index']).as('admin.users.index')
    router
      .group(() => {
        router.get('/', [controllers.admin.Users, 'show']).as('admin.users.show')
        router.put('/role', [controllers.admin.UserRoles, 'update']).as('admin.users.role.update')
        router
          .put('/status', [controllers.admin.UserStatuses, 'update'])
          .as('admin.users.status.update')
        router
          .delete('/lockout', [controllers.admin.UserLockouts, 'destroy'])
          .as('admin.users.lockout.destroy')
      })
      .prefix('/users/:id')
      .where('id', router.matchers.number())
    router.get('/audit', [controllers.admin.AuditLogs, 'index']).as('admin.audit.index')
    router.get('/jobs', [controllers.admin.FailedJobs, 'index']).as('admin.jobs.index')
    router
      .post('/jobs/:queue/:id/retry', [controllers.admin.FailedJobs, 'retry'])
      .as('admin.jobs.retry')
  })
  .prefix('/admin')
  .use([globalThrottle, middleware.auth(), middleware.verified()])
