/*
 * HTTP server entrypoint: boots the application and starts the HTTP server. SIGTERM and SIGINT
 * go through app.terminate(), which stops accepting connections, lets in-flight requests finish
 * and closes the database and Redis connections (see providers/app_provider.ts).
 */
await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    // A configuration mistake is the operator's to fix, not a bug: one line, no stack trace.
    if (error?.code === 'E_INVALID_ENV_VARIABLES') {
      const details = String(error.help ?? '')
        .split('\n')
        .map((line) => line.replace(/^- /, ''))
      process.stderr.write(`Cannot start Guildhall: ${details.filter(Boolean).join('; ')}\n`)
      return
    }
    prettyPrintError(error)
  })
