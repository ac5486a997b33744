import { readdirSync } from 'node:fs'
import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import StaticMiddleware from '@adonisjs/static/static_middleware'

// What public/ holds at its top level (css, js, vendor, favicon.svg), read once at boot.
const publicEntries = new Set(readdirSync(app.publicPath()))

/**
 * Serves files from public/, handing the static server only the requests whose first path
 * segment names something there. The static server looks every other URL up on disk (a stat
 * call) before letting it through to the router, on every page view.
 */
@inject()
export default class PublicFilesMiddleware {
  constructor(private files: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    const end = path.indexOf('/', 1)
    return publicEntries.has(path.slice(1, end === -1 ? undefined : end))
      ? this.files.handle(ctx, next)
      : next()
  }
}
