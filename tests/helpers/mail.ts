import env from '#start/env'
import { SmtpSink } from '#tests/helpers/smtp_sink'

/**
 * The SMTP sink every test run starts on SMTP_PORT (tests/bootstrap.ts); the app sends to it.
 */
export const smtpSink = new SmtpSink()

export async function startSmtpSink() {
  await smtpSink.start(env.get('SMTP_PORT'))
  return () => smtpSink.stop()
}
