import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Folder from '#models/folder'
import { LibraryAccess } from '#services/documents/library_access'

/**
 * Folders of the document library. The rules live in LibraryAccess (inherited levels, grants);
 * this policy is the door every folder route goes through. Visitors may open public folders.
 */
export default class FolderPolicy extends BasePolicy {
  @allowGuest()
  async view(user: User | null, folder: Folder) {
    const access = await LibraryAccess.for(user)
    return access.canReadFolder(folder.id)
  }

  /** Create a folder at the top (`parent` null) or inside `parent`. */
  async create(user: User, parent: Folder | null) {
    const access = await LibraryAccess.for(user)
    return parent ? access.canManageFolder(parent.id) : access.canCreateTopLevelFolder()
  }

  /** Rename, move, change the level or quota. */
  async update(user: User, folder: Folder) {
    const access = await LibraryAccess.for(user)
    return access.canManageFolder(folder.id)
  }

  async delete(user: User, folder: Folder) {
    const access = await LibraryAccess.for(user)
    return access.canManageFolder(folder.id)
  }

  async manageGrants(user: User, folder: Folder) {
    const access = await LibraryAccess.for(user)
    return access.canManageFolder(folder.id)
  }

  /** Add documents to the folder. */
  async upload(user: User, folder: Folder) {
    const access = await LibraryAccess.for(user)
    return access.canEditFolderContents(folder.id)
  }
}
