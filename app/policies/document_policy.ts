import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Document from '#models/document'
import { LibraryAccess } from '#services/documents/library_access'

/**
 * Documents of the library: reading covers the page and every version's download; editing
 * covers new versions, restores, details and deletion. Decided by LibraryAccess, like the
 * `Document.visibleTo` scope used by lists and search.
 */
export default class DocumentPolicy extends BasePolicy {
  @allowGuest()
  async view(user: User | null, document: Document) {
    const access = await LibraryAccess.for(user)
    return access.canReadDocument(document)
  }

  async update(user: User, document: Document) {
    const access = await LibraryAccess.for(user)
    return access.canEditDocument(document)
  }

  async delete(user: User, document: Document) {
    const access = await LibraryAccess.for(user)
    return access.canEditDocument(document)
  }

  /** Download counts and who downloaded: for those who look after the document. */
  async viewDownloads(user: User, document: Document) {
    const access = await LibraryAccess.for(user)
    return access.canEditDocument(document)
  }
}
