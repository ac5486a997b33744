import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { globalThrottle } from '#start/limiter'

/*
 * The member directory and profile pages (open to visitors only when DIRECTORY_PUBLIC is set;
 * the controllers decide), and the member's own professional information in the account area.
 */
router
  .group(() => {
    router.get('/members', [controllers.members.Directory, 'index']).as('directory.index')
    router
      .get('/members/:id', [controllers.members.MemberProfiles, 'show'])
      .as('member_profiles.show')
      .where('id', router.matchers.number())
  })
  .use(globalThrottle)

router
  .group(() => {
    router
      .get('/account/professional', [controllers.members.ProfessionalInfo, 'edit'])
      .as('professional_info.edit')
    router
      .put('/account/professional', [controllers.members.ProfessionalInfo, 'update'])
      .as('professional_info.update')
  })
  .use([globalThrottle, middleware.auth()])
