import type { HttpContext } from '@adonisjs/core/http'
import DocumentVersion from '#models/document_version'
import DownloadService from '#services/documents/download_service'
import { visibleDocument } from '#services/documents/library_lookup'
import { notFound } from '#exceptions/not_found'

/**
 * File downloads. Both routes authorise the document exactly like its page (DocumentPolicy),
 * so a version's URL opens nothing that the document's page would not.
 */
export default class DocumentDownloadsController {
  async current(ctx: HttpContext) {
    const document = await visibleDocument(ctx.bouncer, ctx.params.id)
    const version = document.currentVersionId
      ? await DocumentVersion.find(document.currentVersionId)
      : null
    if (!version) throw notFound()
    return DownloadService.send(ctx, document, version, ctx.auth.user ?? null)
  }

  async version(ctx: HttpContext) {
    const document = await visibleDocument(ctx.bouncer, ctx.params.id)
    const version = await DocumentVersion.query()
      .where('document_id', document.id)
      .where('id', ctx.params.versionId)
      .first()
    if (!version) throw notFound()
    return DownloadService.send(ctx, document, version, ctx.auth.user ?? null)
  }
}
