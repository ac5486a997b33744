import type { HttpContext } from '@adonisjs/core/http'
import DocumentService from '#services/documents/document_service'
import LibraryQuota from '#services/documents/library_quota'
import { ACCESS_LEVEL_LABELS, LibraryAccess } from '#services/documents/library_access'
import { searchValidator } from '#validators/documents'

export default class LibraryController {
  /**
   * The top of the library (the folders the viewer may open), and search results when a
   * term or a tag is given. Admins also see the storage quotas.
   */
  async index({ request, response, view, auth }: HttpContext) {
    const access = await LibraryAccess.for(auth.user)
    const [error, filters] = await request.tryValidateUsing(searchValidator, { data: request.qs() })
    if (error) response.status(422)
    const applied = filters ?? {}
    const searching = Boolean(applied.q || applied.tag)

    const results = await DocumentService.search(access, applied)
    results.baseUrl(request.url()).queryString({ q: applied.q, tag: applied.tag })

    return view.render('pages/documents/index', {
      topFolders: access.readableChildren(null),
      results,
      searching,
      filters: applied,
      searchError: error ? error.messages[0]?.message : null,
      canCreateFolder: access.canCreateTopLevelFolder(),
      quotas: auth.user?.isAdmin ? await LibraryQuota.summary() : null,
      levelLabels: ACCESS_LEVEL_LABELS,
      access,
    })
  }
}
