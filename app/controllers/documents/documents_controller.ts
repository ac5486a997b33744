import type { HttpContext } from '@adonisjs/core/http'
import type Document from '#models/document'
import type Folder from '#models/folder'
import DocumentService from '#services/documents/document_service'
import DownloadService from '#services/documents/download_service'
import { ACCESS_LEVEL_LABELS, LibraryAccess } from '#services/documents/library_access'
import { LibraryRuleError } from '#services/documents/library_errors'
import { visibleDocument, visibleFolder } from '#services/documents/library_lookup'
import { ACCEPT_ATTRIBUTE } from '#services/documents/document_files'
import { maxUploadLabel, receiveUpload } from '#services/documents/upload_receiver'
import { UploadRejectedError } from '#services/uploads/image_upload_service'
import { fieldErrors, type FieldErrors } from '#validators/field_errors'
import { documentValidator, newDocumentValidator } from '#validators/documents'

export default class DocumentsController {
  async show({ params, bouncer, view, auth }: HttpContext) {
    const document = await visibleDocument(bouncer, params.id)
    const access = await LibraryAccess.for(auth.user)
    await document.load((loader) => {
      loader
        .load('owner')
        .load('versions', (versions) => versions.preload('uploadedBy').orderBy('number', 'desc'))
    })
    const canEdit = access.canEditDocument(document)
    return view.render('pages/documents/show', {
      document,
      breadcrumbs: access.pathOf(document.folderId),
      level: access.documentLevel(document),
      levelLabels: ACCESS_LEVEL_LABELS,
      canEdit,
      downloadCounts: canEdit ? await DownloadService.countsByVersion(document) : null,
      recentDownloads: canEdit ? await DownloadService.recent(document) : [],
      accept: ACCEPT_ATTRIBUTE,
      maxUpload: maxUploadLabel(),
    })
  }

  async create(ctx: HttpContext) {
    const folder = await visibleFolder(ctx.bouncer, ctx.params.id, 'upload')
    return DocumentsController.renderUpload(ctx, folder)
  }

  /**
   * The upload form posts here as multipart, read by hand so the size limit holds while the
   * file streams in (config/bodyparser.ts).
   */
  async store(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const folder = await visibleFolder(bouncer, params.id, 'upload')
    let received
    try {
      received = await receiveUpload(request)
    } catch (error) {
      if (!(error instanceof UploadRejectedError)) throw error
      return DocumentsController.renderUpload(ctx, folder, { file: [error.message] }, error.status)
    }
    const [error, input] = await request.tryValidateUsing(newDocumentValidator)
    if (error || !received) {
      await received?.discard()
      const errors = error ? fieldErrors(error) : {}
      if (!received) errors.file = ['Choose a file to upload.']
      return DocumentsController.renderUpload(ctx, folder, errors)
    }
    try {
      const document = await DocumentService.create(
        auth.getUserOrFail(),
        folder,
        input,
        received,
        input.changeNote,
        ctx
      )
      session.flash('success', `"${document.title}" was added to the library.`)
      return response.redirect().toRoute('documents.show', { id: document.id })
    } catch (failure) {
      if (failure instanceof UploadRejectedError) {
        return DocumentsController.renderUpload(
          ctx,
          folder,
          { file: [failure.message] },
          failure.status
        )
      }
      if (failure instanceof LibraryRuleError) {
        return DocumentsController.renderUpload(ctx, folder, { [failure.field]: [failure.message] })
      }
      throw failure
    }
  }

  async edit(ctx: HttpContext) {
    const document = await visibleDocument(ctx.bouncer, ctx.params.id, 'update')
    return DocumentsController.renderEdit(ctx, document)
  }

  async update(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const document = await visibleDocument(bouncer, params.id, 'update')
    const [error, input] = await request.tryValidateUsing(documentValidator)
    if (error) return DocumentsController.renderEdit(ctx, document, fieldErrors(error))
    try {
      await DocumentService.update(auth.getUserOrFail(), document, input, ctx)
    } catch (failure) {
      if (!(failure instanceof LibraryRuleError)) throw failure
      return DocumentsController.renderEdit(ctx, document, { [failure.field]: [failure.message] })
    }
    session.flash('success', 'The document was saved.')
    return response.redirect().toRoute('documents.show', { id: document.id })
  }

  async destroy(ctx: HttpContext) {
    const { params, bouncer, auth, session, response } = ctx
    const document = await visibleDocument(bouncer, params.id, 'delete')
    await DocumentService.destroy(auth.getUserOrFail(), document, ctx)
    session.flash('success', `"${document.title}" was deleted with all its versions.`)
    return response.redirect().toRoute('folders.show', { id: document.folderId })
  }

  static async renderUpload(
    { view, response, request, auth }: HttpContext,
    folder: Folder,
    errors?: FieldErrors,
    status = 422
  ) {
    const access = await LibraryAccess.for(auth.user)
    if (errors) response.status(status)
    view.share({ inputErrors: errors })
    return view.render('pages/documents/create', {
      folder,
      breadcrumbs: access.pathOf(folder.id),
      values: errors ? request.all() : {},
      levels: access.choosableLevels(folder.id),
      inheritedLevel: access.folderLevel(folder.id),
      levelLabels: ACCESS_LEVEL_LABELS,
      accept: ACCEPT_ATTRIBUTE,
      maxUpload: maxUploadLabel(),
    })
  }

  static async renderEdit(
    { view, response, request, auth }: HttpContext,
    document: Document,
    errors?: FieldErrors
  ) {
    const access = await LibraryAccess.for(auth.user)
    if (errors) response.status(422)
    view.share({ inputErrors: errors })
    const folders = access.folderChoices((node) => access.canEditFolderContents(node.id))
    return view.render('pages/documents/edit', {
      document,
      breadcrumbs: access.pathOf(document.folderId),
      values: errors
        ? request.all()
        : {
            title: document.title,
            description: document.description ?? '',
            tags: document.tagList.join(', '),
            accessLevel: document.accessLevel ?? '',
            reviewOn: document.reviewOn?.toISODate() ?? '',
            folderId: document.folderId,
          },
      folders,
      levels: access.choosableLevels(document.folderId),
      inheritedLevel: access.folderLevel(document.folderId),
      levelLabels: ACCESS_LEVEL_LABELS,
    })
  }
}
