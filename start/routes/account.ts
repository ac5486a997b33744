import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { accountPasswordThrottle, dataExportThrottle, globalThrottle } from '#start/limiter'

/*
 * The signed-in member's own account: profile, sign-in address and password, sessions, and
 * their privacy rights (download my data, delete my account).
 */
router
  .group(() => {
    router.get('/account/profile', [controllers.account.Profile, 'edit']).as('profile.edit')
    router.put('/account/profile', [controllers.account.Profile, 'update']).as('profile.update')
    router.post('/account/avatar', [controllers.account.Avatar, 'update']).as('avatar.update')
    router.delete('/account/avatar', [controllers.account.Avatar, 'destroy']).as('avatar.destroy')

    router.get('/account/email', [controllers.account.Email, 'edit']).as('account_email.edit')
    router
      .post('/account/email', [controllers.account.Email, 'update'])
      .as('account_email.update')
      .use(accountPasswordThrottle)

    router
      .get('/account/password', [controllers.account.Password, 'edit'])
      .as('account_password.edit')
    router
      .post('/account/password', [controllers.account.Password, 'update'])
      .as('account_password.update')
      .use(accountPasswordThrottle)

    router
      .get('/account/sessions', [controllers.account.Sessions, 'index'])
      .as('account_sessions.index')
    router
      .delete('/account/sessions/others', [controllers.account.Sessions, 'destroyOthers'])
      .as('account_sessions.destroy_others')
    router
      .delete('/account/sessions/all', [controllers.account.Sessions, 'destroyAll'])
      .as('account_sessions.destroy_all')
    router
      .delete('/account/sessions/:id', [controllers.account.Sessions, 'destroy'])
      .as('account_sessions.destroy')

    router.get('/account/privacy', [controllers.account.Privacy, 'show']).as('account_privacy.show')
    router
      .post('/account/export', [controllers.account.DataExport, 'store'])
      .as('data_export.store')
      .use(dataExportThrottle)
    router
      .get('/account/export/:id', [controllers.account.DataExport, 'show'])
      .as('data_export.show')
      .where('id', router.matchers.uuid())
    router
      .get('/account/delete', [controllers.account.AccountDeletion, 'create'])
      .as('account_deletion.create')
    router
      .delete('/account', [controllers.account.AccountDeletion, 'destroy'])
      .as('account_deletion.destroy')
      .use(accountPasswordThrottle)
  })
  .use([globalThrottle, middleware.auth(), middleware.verified()])

// Following the link proves the new address; it does not need the old one to be verified.
router
  .get('/account/email/confirm/:token', [controllers.account.Email, 'confirm'])
  .as('account_email.confirm')
  .use([globalThrottle, middleware.auth()])

router
  .get('/avatars/:userId', [controllers.account.Avatar, 'show'])
  .as('avatars.show')
  .where('userId', router.matchers.number())
  .use(globalThrottle)
