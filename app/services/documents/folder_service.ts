import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Folder from '#models/folder'
import FolderGrant, { type GrantPermission } from '#models/folder_grant'
import Document from '#models/document'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import {
  effectiveLevel,
  levelRank,
  LibraryAccess,
  type AccessLevel,
} from '#services/documents/library_access'
import { LibraryRuleError } from '#services/documents/library_errors'

type Ctx = Pick<HttpContext, 'request'> | null

export interface FolderInput {
  name: string
  accessLevel?: AccessLevel | null
  parentId?: number | null
  quotaMb?: number | null
}

const MB = 1024 * 1024

/**
 * The folder tree: creating, renaming, moving and deleting folders, their levels, quotas and
 * grants. Who may call these is decided by FolderPolicy; the rules of the tree live here.
 */
export default class FolderService {
  static async create(actor: User, parent: Folder | null, input: FolderInput, ctx: Ctx = null) {
    const access = await LibraryAccess.for(actor)
    const parentId = parent?.id ?? null
    const accessLevel = FolderService.#checkedLevel(access, parentId, input.accessLevel ?? null)
    await FolderService.#ensureUniqueName(parentId, input.name)
    const folder = await Folder.create({
      parentId,
      name: input.name,
      accessLevel,
      quotaBytes: input.quotaMb ? input.quotaMb * MB : null,
      createdById: actor.id,
    })
    await AuditLogService.record(
      {
        action: 'folder.created',
        actor,
        meta: { folderId: folder.id, name: folder.name, accessLevel, parentId },
      },
      ctx
    )
    return folder
  }

  /**
   * Renames, moves, and changes the level and quota. A move never loosens what the folder
   * protects: when the new place is less strict, the folder keeps its former level as its own.
   */
  static async update(actor: User, folder: Folder, input: FolderInput, ctx: Ctx = null) {
    const access = await LibraryAccess.for(actor)
    const parentId = input.parentId === undefined ? folder.parentId : input.parentId
    let accessLevel = input.accessLevel === undefined ? folder.accessLevel : input.accessLevel

    if (parentId !== folder.parentId) {
      if (parentId !== null) {
        if (!access.canManageFolder(parentId)) {
          throw new LibraryRuleError('Choose a folder you look after.', 'parentId')
        }
        if (access.pathOf(parentId).some((node) => node.id === folder.id)) {
          throw new LibraryRuleError('A folder cannot be moved into itself.', 'parentId')
        }
      } else if (!access.canCreateTopLevelFolder()) {
        throw new LibraryRuleError('Choose a folder you look after.', 'parentId')
      }
      const before = access.folderLevel(folder.id)
      const after = effectiveLevel([
        parentId === null ? null : access.folderLevel(parentId),
        accessLevel,
      ])
      if (levelRank(after) < levelRank(before)) accessLevel = before
    }

    accessLevel = FolderService.#checkedLevel(access, parentId, accessLevel ?? null)
    if (parentId !== folder.parentId || input.name.toLowerCase() !== folder.name.toLowerCase()) {
      await FolderService.#ensureUniqueName(parentId, input.name, folder.id)
    }

    const before = {
      name: folder.name,
      parentId: folder.parentId,
      accessLevel: folder.accessLevel,
      quotaBytes: folder.quotaBytes,
    }
    folder.merge({
      name: input.name,
      parentId,
      accessLevel,
      quotaBytes:
        input.quotaMb === undefined ? folder.quotaBytes : input.quotaMb ? input.quotaMb * MB : null,
    })
    await folder.save()
    await AuditLogService.record(
      {
        action: 'folder.updated',
        actor,
        meta: {
          folderId: folder.id,
          before,
          after: {
            name: folder.name,
            parentId: folder.parentId,
            accessLevel: folder.accessLevel,
            quotaBytes: folder.quotaBytes,
          },
        },
      },
      ctx
    )
    return folder
  }

  /** Only an empty folder can be deleted, so nothing is ever lost by a slip. */
  static async destroy(actor: User, folder: Folder, ctx: Ctx = null) {
    await db.transaction(async (trx) => {
      const [children, documents] = await Promise.all([
        Folder.query({ client: trx }).where('parent_id', folder.id).count('* as total').first(),
        Document.query({ client: trx }).where('folder_id', folder.id).count('* as total').first(),
      ])
      if (Number(children?.$extras.total) > 0 || Number(documents?.$extras.total) > 0) {
        throw new LibraryRuleError(
          'Only an empty folder can be deleted. Move or delete what it holds first.'
        )
      }
      folder.useTransaction(trx)
      await folder.delete()
    })
    await AuditLogService.record(
      { action: 'folder.deleted', actor, meta: { folderId: folder.id, name: folder.name } },
      ctx
    )
  }

  static async grant(
    actor: User,
    folder: Folder,
    input: { email: string; permission: GrantPermission },
    ctx: Ctx = null
  ) {
    const grantee = await User.findBy('email', input.email.toLowerCase())
    if (!grantee || !grantee.canSignIn || !grantee.isVerified) {
      throw new LibraryRuleError('No active account has this email address.', 'email')
    }
    const grant = await FolderGrant.updateOrCreate(
      { folderId: folder.id, userId: grantee.id },
      { permission: input.permission }
    )
    await AuditLogService.record(
      {
        action: 'folder.granted',
        actor,
        subject: grantee,
        meta: { folderId: folder.id, permission: input.permission },
      },
      ctx
    )
    return grant
  }

  static async revokeGrant(actor: User, grant: FolderGrant, ctx: Ctx = null) {
    await grant.load('user')
    await grant.delete()
    await AuditLogService.record(
      {
        action: 'folder.grant_revoked',
        actor,
        subject: grant.user,
        meta: { folderId: grant.folderId },
      },
      ctx
    )
  }

  /**
   * A level is either inherited (null, below the top) or one the actor may choose there:
   * no looser than the parent, no stricter than the actor's own clearance.
   */
  static #checkedLevel(access: LibraryAccess, parentId: number | null, level: AccessLevel | null) {
    if (level === null) {
      if (parentId === null) {
        throw new LibraryRuleError('A top-level folder needs an access level.', 'accessLevel')
      }
      return null
    }
    if (!access.choosableLevels(parentId).includes(level)) {
      throw new LibraryRuleError(
        'This level is looser than the folder it sits in, or stricter than your own access.',
        'accessLevel'
      )
    }
    return level
  }

  static async #ensureUniqueName(parentId: number | null, name: string, exceptId?: number) {
    const query = Folder.query().whereRaw('lower(name) = ?', [name.toLowerCase()])
    if (parentId === null) query.whereNull('parent_id')
    else query.where('parent_id', parentId)
    if (exceptId) query.whereNot('id', exceptId)
    if (await query.first()) {
      throw new LibraryRuleError('A folder with this name is already there.', 'name')
    }
  }
}
