import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { limitExplanation } from '#exceptions/limit_explanation'

/**
 * Outside development, errors render friendly pages that show the request id and nothing of
 * the internals; in development, Youch shows the stack.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = app.inDev

  protected renderStatusPages = !app.inDev

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, { view }) => view.render('pages/errors/forbidden', { error }),
    '404': (error, { view }) => view.render('pages/errors/not_found', { error }),
    '429': (error, { view }) => view.render('pages/errors/too_many_requests', { error }),
    '500..599': (error, { view }) => view.render('pages/errors/server_error', { error }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // The limiter's error answers by itself with plain text; browsers get the page instead,
    // with the same Retry-After and rate-limit headers.
    if (
      error instanceof limiterErrors.E_TOO_MANY_REQUESTS &&
      this.renderStatusPages &&
      ctx.request.accepts(['html', 'json']) === 'html'
    ) {
      const headers = error.headers ?? error.getDefaultHeaders()
      Object.entries(headers).forEach(([name, value]) => ctx.response.header(name, value))
      return ctx.response.status(429).send(
        await ctx.view.render('pages/errors/too_many_requests', {
          error,
          reason: limitExplanation(error),
        })
      )
    }
    // Bouncer's denial also answers by itself in plain text; browsers get the friendly page.
    if (
      error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE &&
      ctx.request.accepts(['html', 'json']) === 'html'
    ) {
      return ctx.response
        .status(403)
        .send(await ctx.view.render('pages/errors/forbidden', { error }))
    }
    return super.handle(error, ctx)
  }
}
