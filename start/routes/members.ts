import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle, memberExportThrottle } from '#start/limiter'

/*
 * Membership: a member's own membership and application under /membership, and the board's
 * side under /admin (members, applications, badges, types, profile fields, import, export,
 * statistics). Each action asks MembershipPolicy, MembershipApplicationPolicy or BadgePolicy.
 */
router
  .group(() => {
    router.get('/membership', [controllers.members.Memberships, 'show']).as('membership.show')
    router
      .get('/membership/apply', [controllers.members.Applications, 'create'])
      .as('applications.create')
    router
      .post('/membership/apply', [controllers.members.Applications, 'store'])
      .as('applications.store')
    router.post('/membership/seats', [controllers.members.Seats, 'store']).as('seats.store')
    router
      .delete('/membership/seats/:id', [controllers.members.Seats, 'destroy'])
      .as('seats.destroy')
      .where('id', router.matchers.number())
    router
      .get('/membership/seats/accept/:token', [controllers.members.Seats, 'show'])
      .as('seats.accept')
    router
      .post('/membership/seats/accept/:token', [controllers.members.Seats, 'accept'])
      .as('seats.accept.store')
    router
      .get('/membership/fields', [controllers.members.ProfileFieldValues, 'edit'])
      .as('profile_field_values.edit')
    router
      .put('/membership/fields', [controllers.members.ProfileFieldValues, 'update'])
      .as('profile_field_values.update')
  })
  .use([globalThrottle, middleware.auth()])

router
  .group(() => {
    router.get('/members', [controllers.admin.members.Members, 'index']).as('admin.members.index')
    router
      .get('/members/statistics', [controllers.admin.members.Statistics, 'show'])
      .as('admin.members.statistics')
    router
      .get('/members/export', [controllers.admin.members.Exports, 'create'])
      .as('admin.members.export.create')
    router
      .get('/members/export.csv', [controllers.admin.members.Exports, 'show'])
      .as('admin.members.export.show')
      .use(memberExportThrottle)
    router
      .get('/members/import', [controllers.admin.members.Imports, 'create'])
      .as('admin.members.import.create')
    router
      .post('/members/import/preview', [controllers.admin.members.Imports, 'preview'])
      .as('admin.members.import.preview')
    router
      .post('/members/import', [controllers.admin.members.Imports, 'store'])
      .as('admin.members.import.store')
    router
      .post('/members/bulk', [controllers.admin.members.Bulk, 'store'])
      .as('admin.members.bulk.store')
    router
      .group(() => {
        router.get('/', [controllers.admin.members.Members, 'show']).as('admin.members.show')
        router
          .put('/status', [controllers.admin.members.MemberStatuses, 'update'])
          .as('admin.members.status.update')
        router
          .post('/renewals', [controllers.admin.members.Renewals, 'store'])
          .as('admin.members.renewals.store')
        router
          .post('/badges', [controllers.admin.members.MemberBadges, 'store'])
          .as('admin.members.badges.store')
        router
          .delete('/badges/:badgeId', [controllers.admin.members.MemberBadges, 'destroy'])
          .as('admin.members.badges.destroy')
          .where('badgeId', router.matchers.number())
      })
      .prefix('/members/:id')
      .where('id', router.matchers.number())

    router
      .get('/applications', [controllers.admin.members.Applications, 'index'])
      .as('admin.applications.index')
    router
      .group(() => {
        router
          .get('/', [controllers.admin.members.Applications, 'show'])
          .as('admin.applications.show')
        router
          .get('/document', [controllers.admin.members.Applications, 'document'])
          .as('admin.applications.document')
        router
          .post('/approve', [controllers.admin.members.Applications, 'approve'])
          .as('admin.applications.approve')
        router
          .post('/reject', [controllers.admin.members.Applications, 'reject'])
          .as('admin.applications.reject')
      })
      .prefix('/applications/:id')
      .where('id', router.matchers.number())

    router
      .resource('badges', controllers.admin.members.Badges)
      .only(['index', 'store', 'edit', 'update', 'destroy'])
      .as('admin.badges', false)
      .where('id', router.matchers.number())
    router
      .resource('membership-types', controllers.admin.members.MembershipTypes)
      .only(['index', 'store', 'update'])
      .as('admin.membership_types', false)
      .where('id', router.matchers.number())
    router
      .resource('profile-fields', controllers.admin.members.ProfileFields)
      .only(['index', 'store', 'edit', 'update', 'destroy'])
      .as('admin.profile_fields', false)
      .where('id', router.matchers.number())
  })
  .prefix('/admin')
  .use([globalThrottle, middleware.auth(), middleware.verified()])
