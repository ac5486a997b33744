/*
 * JavaScript entrypoint for ace commands: registers the TypeScript loader, then hands over to
 * bin/console.ts. The production build replaces this file with its compiled twin.
 */
import '@poppinss/ts-exec'

await import('./bin/console.js')
