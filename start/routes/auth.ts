import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import {
  globalThrottle,
  loginThrottle,
  passwordResetThrottle,
  registerThrottle,
  verificationResendThrottle,
} from '#start/limiter'

router
  .group(() => {
    router.get('/login', [controllers.auth.Session, 'create']).as('session.create')
    router
      .post('/login', [controllers.auth.Session, 'store'])
      .as('session.store')
      .use(loginThrottle)
    router.get('/register', [controllers.auth.Registration, 'create']).as('registration.create')
    router
      .post('/register', [controllers.auth.Registration, 'store'])
      .as('registration.store')
      .use(registerThrottle)
  })
  .use([globalThrottle, middleware.guest()])

router
  .group(() => {
    router
      .get('/forgot-password', [controllers.auth.PasswordReset, 'create'])
      .as('password_reset.create')
    router
      .post('/forgot-password', [controllers.auth.PasswordReset, 'store'])
      .as('password_reset.store')
      .use(passwordResetThrottle)
    router
      .get('/reset-password/:token', [controllers.auth.PasswordReset, 'edit'])
      .as('password_reset.edit')
    router
      .post('/reset-password/:token', [controllers.auth.PasswordReset, 'update'])
      .as('password_reset.update')
      .use(passwordResetThrottle)

    router
      .get('/verify-email', [controllers.auth.EmailVerification, 'notice'])
      .as('email_verification.notice')
    router
      .get('/verify-email/:token', [controllers.auth.EmailVerification, 'verify'])
      .as('email_verification.verify')
    router
      .post('/verify-email', [controllers.auth.EmailVerification, 'resend'])
      .as('email_verification.resend')
      .use([middleware.auth(), verificationResendThrottle])

    // Lets password managers find the change-password form (https://w3c.github.io/webappsec-change-password-url/).
    router
      .get('/.well-known/change-password', ({ response }) =>
        response.redirect().toRoute('account_password.edit')
      )
      .as('well_known.change_password')

    router
      .post('/logout', [controllers.auth.Session, 'destroy'])
      .as('session.destroy')
      .use(middleware.auth())
  })
  .use(globalThrottle)
