import type { HttpContext } from '@adonisjs/core/http'
import FolderGrant from '#models/folder_grant'
import FolderService from '#services/documents/folder_service'
import { LibraryRuleError } from '#services/documents/library_errors'
import { visibleFolder } from '#services/documents/library_lookup'
import { grantValidator } from '#validators/documents'

export default class FolderGrantsController {
  async store(ctx: HttpContext) {
    const { params, bouncer, request, auth, session, response } = ctx
    const folder = await visibleFolder(bouncer, params.id, 'manageGrants')
    const [error, input] = await request.tryValidateUsing(grantValidator)
    if (error) {
      session.flash('error', 'Enter the email address of an account and choose what it may do.')
      return response.redirect().toRoute('folders.show', { id: folder.id })
    }
    try {
      await FolderService.grant(auth.getUserOrFail(), folder, input, ctx)
    } catch (failure) {
      if (!(failure instanceof LibraryRuleError)) throw failure
      session.flash('error', failure.message)
      return response.redirect().toRoute('folders.show', { id: folder.id })
    }
    session.flash('success', `${input.email} now has access to this folder.`)
    return response.redirect().toRoute('folders.show', { id: folder.id })
  }

  async destroy(ctx: HttpContext) {
    const { params, bouncer, auth, session, response } = ctx
    const folder = await visibleFolder(bouncer, params.id, 'manageGrants')
    const grant = await FolderGrant.query()
      .where('folder_id', folder.id)
      .where('id', params.grantId)
      .firstOrFail()
    await FolderService.revokeGrant(auth.getUserOrFail(), grant, ctx)
    session.flash('success', 'The access was removed.')
    return response.redirect().toRoute('folders.show', { id: folder.id })
  }
}
