import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, transports } from '@adonisjs/mail'
import { devMailboxTransport } from '#services/mail/dev_mailbox_transport'

/*
 * SMTP when SMTP_HOST is set. Without it, development keeps sent mail in the dev mailbox
 * (a page under /dev/mailbox that exists only in development). Production refuses to boot
 * without SMTP (see start/env_checks.ts).
 */
const smtpConfigured = Boolean(env.get('SMTP_HOST'))

const mailConfig = defineConfig({
  default: smtpConfigured || !app.inDev ? 'smtp' : 'mailbox',
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'no-reply@guildhall.localhost'),
    name: env.get('MAIL_FROM_NAME', env.get('APP_NAME', 'Guildhall')),
  },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 587),
      secure: env.get('SMTP_SECURE', false),
      auth: env.get('SMTP_USER')
        ? { type: 'login', user: env.get('SMTP_USER')!, pass: env.get('SMTP_PASSWORD', '') }
        : undefined,
      ignoreTLS: !env.get('SMTP_USER'),
    }),
    mailbox: devMailboxTransport(),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
