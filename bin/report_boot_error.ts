import { prettyPrintError } from '@adonisjs/core'

/**
 * A configuration mistake is the operator's to fix, not a bug: it is reported on one line
 * without a stack trace. Anything else is printed in full.
 */
export async function reportBootError(error: any) {
  process.exitCode = 1
  if (error?.code === 'E_INVALID_ENV_VARIABLES') {
    const details = String(error.help ?? '')
      .split('\n')
      .map((line) => line.replace(/^- /, ''))
    process.stderr.write(`Cannot start Guildhall: ${details.filter(Boolean).join('; ')}\n`)
    return
  }
  await prettyPrintError(error)
}
