import { HttpContext } from '@adonisjs/core/http'
import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import Folder from '#models/folder'
import FolderGrant, { type GrantPermission } from '#models/folder_grant'
import type User from '#models/user'
import type Document from '#models/document'

export const ACCESS_LEVELS = ['public', 'members', 'board', 'admin'] as const
export type AccessLevel = (typeof ACCESS_LEVELS)[number]

export const ACCESS_LEVEL_LABELS: Record<AccessLevel, string> = {
  public: 'Everyone, including visitors',
  members: 'Members',
  board: 'The board',
  admin: 'Administrators',
}

export function levelRank(level: AccessLevel) {
  return ACCESS_LEVELS.indexOf(level)
}

/**
 * The strictest level a person is cleared for by their role. An account that cannot sign in
 * or has not verified its address sees what a visitor sees.
 */
export function clearanceOf(user: User | null | undefined): AccessLevel {
  if (!user || !user.canSignIn || !user.isVerified) return 'public'
  if (user.isAdmin) return 'admin'
  if (user.isBoard) return 'board'
  if (user.isMember) return 'members'
  return 'public'
}

/**
 * The level that protects an item, given the levels set on its path from the top folder down
 * to the item itself (null where a folder or document inherits). A level set below can only
 * make the item stricter, never looser, so the answer is the strictest one on the path.
 * Every access decision of the library goes through this function.
 */
export function effectiveLevel(path: ReadonlyArray<AccessLevel | null | undefined>): AccessLevel {
  let strictest: AccessLevel = 'public'
  for (const level of path) {
    if (level && levelRank(level) > levelRank(strictest)) strictest = level
  }
  return strictest
}

interface FolderNode {
  id: number
  parentId: number | null
  name: string
  accessLevel: AccessLevel | null
}

type DocumentLike = Pick<Document, 'folderId' | 'accessLevel'>

// One request asks for the same viewer's access from its policies, controller and services.
const builtInRequest = new WeakMap<HttpContext, Map<number | null, Promise<LibraryAccess>>>()

/**
 * What one viewer may do in the library. Built once per request from the folder tree and the
 * viewer's grants (a change made during the request shows from the next one); the document
 * policy, the folder policy and the `Document.visibleTo` scope all ask it, so lists, pages,
 * search and downloads agree.
 *
 * - Read: the viewer's role clears the item's effective level, or a grant on a folder on the
 *   item's path covers it (a grant covers what inherits from the granted folder, not what is
 *   set stricter below it).
 * - Edit contents (upload, change, restore, delete documents): board members and admins on what
 *   they can read, and members holding an `edit` grant that covers the item.
 * - Manage folders (create, rename, move, delete, levels, quotas, grants): board and admins.
 */
export class LibraryAccess {
  readonly clearance: AccessLevel
  #folders: Map<number, FolderNode>
  #grants: Map<number, GrantPermission>
  #levels = new Map<number, AccessLevel>()

  constructor(
    readonly user: User | null,
    folders: FolderNode[],
    grants: Map<number, GrantPermission>
  ) {
    this.clearance = clearanceOf(user)
    this.#folders = new Map(folders.map((folder) => [folder.id, folder]))
    // Grants are for people who can sign in; a suspended member keeps none.
    this.#grants = user && user.canSignIn && user.isVerified ? grants : new Map()
  }

  static for(user: User | null | undefined): Promise<LibraryAccess> {
    const ctx = HttpContext.get()
    if (!ctx) return LibraryAccess.#load(user)
    let byViewer = builtInRequest.get(ctx)
    if (!byViewer) {
      byViewer = new Map()
      builtInRequest.set(ctx, byViewer)
    }
    const key = user?.id ?? null
    let access = byViewer.get(key)
    if (!access) {
      access = LibraryAccess.#load(user)
      byViewer.set(key, access)
    }
    return access
  }

  static async #load(user: User | null | undefined) {
    const [folders, grants] = await Promise.all([
      Folder.query().select('id', 'parent_id', 'name', 'access_level'),
      user ? FolderGrant.query().where('user_id', user.id) : Promise.resolve([]),
    ])
    return new LibraryAccess(
      user ?? null,
      folders.map((folder) => ({
        id: folder.id,
        parentId: folder.parentId,
        name: folder.name,
        accessLevel: folder.accessLevel,
      })),
      new Map(grants.map((grant) => [grant.folderId, grant.permission]))
    )
  }

  get isManager() {
    return levelRank(this.clearance) >= levelRank('board')
  }

  /** The folders from the top down to this one (breadcrumbs, inheritance). */
  pathOf(folderId: number): FolderNode[] {
    const path: FolderNode[] = []
    const seen = new Set<number>()
    let node = this.#folders.get(folderId)
    while (node && !seen.has(node.id)) {
      seen.add(node.id)
      path.unshift(node)
      node = node.parentId === null ? undefined : this.#folders.get(node.parentId)
    }
    return path
  }

  exists(folderId: number) {
    return this.#folders.has(folderId)
  }

  folderLevel(folderId: number): AccessLevel {
    const cached = this.#levels.get(folderId)
    if (cached) return cached
    const level = effectiveLevel(this.pathOf(folderId).map((node) => node.accessLevel))
    this.#levels.set(folderId, level)
    return level
  }

  documentLevel(document: DocumentLike): AccessLevel {
    return effectiveLevel([this.folderLevel(document.folderId), document.accessLevel])
  }

  /**
   * The viewer's grant that covers an item of `level` inside `folderId`: one on the folder or
   * an ancestor whose own effective level is the item's, so nothing stricter was set between.
   */
  #grantCovering(folderId: number, level: AccessLevel): GrantPermission | null {
    let best: GrantPermission | null = null
    for (const node of this.pathOf(folderId)) {
      const permission = this.#grants.get(node.id)
      if (permission && this.folderLevel(node.id) === level) {
        if (permission === 'edit') return 'edit'
        best = permission
      }
    }
    return best
  }

  #clears(level: AccessLevel) {
    return levelRank(this.clearance) >= levelRank(level)
  }

  #canRead(folderId: number, level: AccessLevel) {
    if (!this.exists(folderId)) return false
    return this.#clears(level) || this.#grantCovering(folderId, level) !== null
  }

  #canEdit(folderId: number, level: AccessLevel) {
    if (!this.exists(folderId) || !this.user) return false
    if (this.isManager && this.#clears(level)) return true
    return this.#grantCovering(folderId, level) === 'edit'
  }

  canReadFolder(folderId: number) {
    return this.#canRead(folderId, this.folderLevel(folderId))
  }

  canEditFolderContents(folderId: number) {
    return this.#canEdit(folderId, this.folderLevel(folderId))
  }

  canManageFolder(folderId: number) {
    return this.isManager && this.canReadFolder(folderId)
  }

  canCreateTopLevelFolder() {
    return this.isManager
  }

  canReadDocument(document: DocumentLike) {
    return this.#canRead(document.folderId, this.documentLevel(document))
  }

  canEditDocument(document: DocumentLike) {
    return this.#canEdit(document.folderId, this.documentLevel(document))
  }

  /**
   * The levels a person may choose for a folder or document under `parentId`: the parent's
   * level (inherit) or stricter ones, up to their own clearance so nobody locks themselves out.
   */
  choosableLevels(parentId: number | null): AccessLevel[] {
    const floor = parentId === null ? 'public' : this.folderLevel(parentId)
    return ACCESS_LEVELS.filter(
      (level) =>
        levelRank(level) >= levelRank(floor) && levelRank(level) <= levelRank(this.clearance)
    )
  }

  readableFolders(): FolderNode[] {
    return [...this.#folders.values()].filter((folder) => this.canReadFolder(folder.id))
  }

  /** The readable folders directly inside `parentId` (the top level for null), by name. */
  readableChildren(parentId: number | null): FolderNode[] {
    return this.readableFolders()
      .filter((folder) => folder.parentId === parentId)
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Readable folders that pass `include`, labelled by their full path, for a folder picker. */
  folderChoices(include: (folder: FolderNode) => boolean) {
    return this.readableFolders()
      .filter(include)
      .map((folder) => ({
        id: folder.id,
        label: this.pathOf(folder.id)
          .map((step) => step.name)
          .join(' / '),
      }))
      .sort((a, b) => a.label.localeCompare(b.label))
  }

  /**
   * The SQL form of `canReadDocument`: a document is listed when its folder is readable and
   * its own level, if any, is no stricter than what the viewer reaches in that folder (their
   * clearance, or the folder's level when a grant opened it).
   */
  constrainDocuments(query: ModelQueryBuilderContract<LucidModel>) {
    const byReach = new Map<number, number[]>()
    for (const folder of this.readableFolders()) {
      const reach = Math.max(levelRank(this.clearance), levelRank(this.folderLevel(folder.id)))
      byReach.set(reach, [...(byReach.get(reach) ?? []), folder.id])
    }
    if (byReach.size === 0) {
      query.whereRaw('1 = 0')
      return
    }
    query.where((outer) => {
      for (const [reach, folderIds] of byReach) {
        const allowed = ACCESS_LEVELS.filter((level) => levelRank(level) <= reach)
        outer.orWhere((group) => {
          group.whereIn('documents.folder_id', folderIds).where((levels) => {
            levels.whereNull('documents.access_level').orWhereIn('documents.access_level', allowed)
          })
        })
      }
    })
  }
}
