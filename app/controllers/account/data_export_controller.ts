import type { HttpContext } from '@adonisjs/core/http'
import { urlFor } from '@adonisjs/core/services/url_builder'
import DataExport from '#models/data_export'
import DataExportPolicy from '#policies/data_export_policy'
import DataExportService from '#services/privacy/data_export_service'
import { notFound } from '#exceptions/not_found'

export default class DataExportController {
  async store(ctx: HttpContext) {
    await DataExportService.request(ctx.auth.getUserOrFail(), ctx)
    ctx.session.flash(
      'success',
      'Your archive is being prepared. We will email you a link to download it when it is ready.'
    )
    return ctx.response.redirect().back(urlFor('account_privacy.show'))
  }

  /**
   * Someone else's archive answers like a missing one, so a link never tells whose it is.
   */
  async show(ctx: HttpContext) {
    const { auth, bouncer, params, request, response, view } = ctx
    const user = auth.getUserOrFail()
    const dataExport = await DataExport.find(params.id)
    if (!dataExport || (await bouncer.with(DataExportPolicy).denies('download', dataExport))) {
      throw notFound()
    }
    if (dataExport.isExpired) {
      return response.status(410).send(await view.render('pages/account/data_export_expired'))
    }
    const contents = dataExport.status === 'ready' ? await DataExportService.open(dataExport) : null
    if (!contents) throw notFound()

    if (request.method() === 'GET') {
      await DataExportService.recordDownload(dataExport, user, ctx)
    }
    response.header('Content-Type', 'application/zip')
    response.header(
      'Content-Disposition',
      `attachment; filename="${DataExportService.fileName(dataExport)}"`
    )
    if (dataExport.sizeBytes !== null) {
      response.header('Content-Length', String(dataExport.sizeBytes))
    }
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Cache-Control', 'no-store')
    return response.stream(contents)
  }
}
