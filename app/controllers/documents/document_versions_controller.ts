import type { HttpContext } from '@adonisjs/core/http'
import DocumentVersion from '#models/document_version'
import DocumentService from '#services/documents/document_service'
import { receiveUpload } from '#services/documents/upload_receiver'
import { UploadRejectedError } from '#services/uploads/image_upload_service'
import { visibleDocument } from '#services/documents/library_lookup'
import { newVersionValidator } from '#validators/documents'

export default class DocumentVersionsController {
  /**
   * A new version, uploaded as multipart read by hand (config/bodyparser.ts) so the size limit
   * holds while the file streams in.
   */
  async store(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const document = await visibleDocument(bouncer, params.id, 'update')
    const back = () => response.redirect().toRoute('documents.show', { id: document.id })

    let received
    try {
      received = await receiveUpload(request)
    } catch (error) {
      if (!(error instanceof UploadRejectedError)) throw error
      session.flash('error', error.message)
      return back()
    }
    const [error, input] = await request.tryValidateUsing(newVersionValidator)
    if (error || !received) {
      await received?.discard()
      session.flash('error', error ? 'The change note is too long.' : 'Choose a file to upload.')
      return back()
    }
    try {
      const version = await DocumentService.addVersion(
        auth.getUserOrFail(),
        document,
        received,
        input.changeNote,
        ctx
      )
      session.flash('success', `Version ${version.number} is now the current one.`)
    } catch (failure) {
      if (!(failure instanceof UploadRejectedError)) throw failure
      session.flash('error', failure.message)
    }
    return back()
  }

  async restore(ctx: HttpContext) {
    const { params, bouncer, auth, session, response } = ctx
    const document = await visibleDocument(bouncer, params.id, 'update')
    const version = await DocumentVersion.query()
      .where('document_id', document.id)
      .where('id', params.versionId)
      .firstOrFail()
    await DocumentService.restore(auth.getUserOrFail(), document, version, ctx)
    session.flash('success', `Version ${version.number} is the current one again.`)
    return response.redirect().toRoute('documents.show', { id: document.id })
  }
}
