import type { HttpContext } from '@adonisjs/core/http'
import type Folder from '#models/folder'
import Document from '#models/document'
import FolderGrant from '#models/folder_grant'
import FolderPolicy from '#policies/folder_policy'
import FolderService from '#services/documents/folder_service'
import LibraryQuota from '#services/documents/library_quota'
import { ACCESS_LEVEL_LABELS, LibraryAccess } from '#services/documents/library_access'
import { LibraryRuleError } from '#services/documents/library_errors'
import { visibleFolder } from '#services/documents/library_lookup'
import { PER_PAGE } from '#services/documents/document_service'
import { fieldErrors, type FieldErrors } from '#validators/field_errors'
import { folderUpdateValidator, folderValidator, searchValidator } from '#validators/documents'

const MB = 1024 * 1024

export default class FoldersController {
  async show({ params, request, bouncer, view, auth }: HttpContext) {
    const folder = await visibleFolder(bouncer, params.id)
    const access = await LibraryAccess.for(auth.user)
    const { page } = await searchValidator.validate({ page: request.qs().page ?? 1 }).catch(() => ({
      page: 1,
    }))

    const documents = await Document.query()
      .withScopes((scopes) => scopes.visibleTo(access))
      .where('folder_id', folder.id)
      .preload('currentVersion')
      .orderBy('title')
      .orderBy('id')
      .paginate(page ?? 1, PER_PAGE)
    documents.baseUrl(request.url())

    const canManage = access.canManageFolder(folder.id)
    const quotas = canManage && folder.quotaBytes !== null ? await LibraryQuota.summary() : []
    return view.render('pages/documents/folders/show', {
      folder,
      breadcrumbs: access.pathOf(folder.id),
      level: access.folderLevel(folder.id),
      levelLabels: ACCESS_LEVEL_LABELS,
      subfolders: access.readableChildren(folder.id),
      documents,
      canUpload: access.canEditFolderContents(folder.id),
      canManage,
      grants: canManage
        ? await FolderGrant.query().where('folder_id', folder.id).preload('user').orderBy('id')
        : [],
      quota: quotas.find((line) => line.folderId === folder.id) ?? null,
      access,
    })
  }

  async create(ctx: HttpContext) {
    const parent = await FoldersController.#parentFrom(ctx, ctx.request.qs().parent)
    await ctx.bouncer.with(FolderPolicy).authorize('create', parent)
    return FoldersController.renderForm(ctx, { parent })
  }

  async store(ctx: HttpContext) {
    const { request, bouncer, auth, session, response } = ctx
    const parent = await FoldersController.#parentFrom(ctx, request.input('parentId'))
    await bouncer.with(FolderPolicy).authorize('create', parent)
    const [error, input] = await request.tryValidateUsing(folderValidator)
    if (error) return FoldersController.renderForm(ctx, { parent }, fieldErrors(error))
    try {
      const folder = await FolderService.create(auth.getUserOrFail(), parent, input, ctx)
      session.flash('success', `The folder "${folder.name}" was created.`)
      return response.redirect().toRoute('folders.show', { id: folder.id })
    } catch (failure) {
      if (!(failure instanceof LibraryRuleError)) throw failure
      return FoldersController.renderForm(ctx, { parent }, { [failure.field]: [failure.message] })
    }
  }

  async edit(ctx: HttpContext) {
    const folder = await visibleFolder(ctx.bouncer, ctx.params.id, 'update')
    return FoldersController.renderForm(ctx, { folder })
  }

  async update(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const folder = await visibleFolder(bouncer, params.id, 'update')
    const [error, input] = await request.tryValidateUsing(folderUpdateValidator)
    if (error) return FoldersController.renderForm(ctx, { folder }, fieldErrors(error))
    try {
      await FolderService.update(
        auth.getUserOrFail(),
        folder,
        { ...input, parentId: input.parentId ?? null, quotaMb: input.quotaMb ?? null },
        ctx
      )
    } catch (failure) {
      if (!(failure instanceof LibraryRuleError)) throw failure
      return FoldersController.renderForm(ctx, { folder }, { [failure.field]: [failure.message] })
    }
    session.flash('success', 'The folder was saved.')
    return response.redirect().toRoute('folders.show', { id: folder.id })
  }

  async destroy(ctx: HttpContext) {
    const { params, bouncer, auth, session, response } = ctx
    const folder = await visibleFolder(bouncer, params.id, 'delete')
    try {
      await FolderService.destroy(auth.getUserOrFail(), folder, ctx)
    } catch (failure) {
      if (!(failure instanceof LibraryRuleError)) throw failure
      session.flash('error', failure.message)
      return response.redirect().toRoute('folders.show', { id: folder.id })
    }
    session.flash('success', `The folder "${folder.name}" was deleted.`)
    return folder.parentId
      ? response.redirect().toRoute('folders.show', { id: folder.parentId })
      : response.redirect().toRoute('documents.index')
  }

  /**
   * The folder form, new or existing; re-rendered (422) with messages next to the fields.
   */
  static async renderForm(
    ctx: HttpContext,
    target: { parent?: Folder | null; folder?: Folder },
    errors?: FieldErrors
  ) {
    const { view, response, auth, request } = ctx
    const access = await LibraryAccess.for(auth.user)
    if (errors) response.status(422)
    view.share({ inputErrors: errors })
    const folder = target.folder
    const parentId = folder ? folder.parentId : (target.parent?.id ?? null)
    const values = errors
      ? request.all()
      : {
          name: folder?.name ?? '',
          accessLevel: folder?.accessLevel ?? '',
          quotaMb: folder?.quotaBytes ? Math.round(folder.quotaBytes / MB) : '',
          parentId: folder?.parentId ?? target.parent?.id ?? '',
        }
    // Where a folder may go: folders the person looks after, never itself or below it.
    const destinations = folder
      ? access.folderChoices(
          (node) =>
            access.canManageFolder(node.id) &&
            !access.pathOf(node.id).some((step) => step.id === folder.id)
        )
      : []
    return view.render(folder ? 'pages/documents/folders/edit' : 'pages/documents/folders/create', {
      folder,
      parent: target.parent ?? null,
      values,
      levels: access.choosableLevels(parentId),
      inheritedLevel: parentId === null ? null : access.folderLevel(parentId),
      levelLabels: ACCESS_LEVEL_LABELS,
      destinations,
      canMoveToTop: access.canCreateTopLevelFolder(),
      breadcrumbs: folder
        ? access.pathOf(folder.id)
        : target.parent
          ? access.pathOf(target.parent.id)
          : [],
    })
  }

  static async #parentFrom({ bouncer }: HttpContext, value: unknown) {
    if (value === undefined || value === null || value === '') return null
    return visibleFolder(bouncer, value)
  }
}
