import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Document from '#models/document'
import DocumentVersion from '#models/document_version'
import type Folder from '#models/folder'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import DocumentFiles, { type StoredFile } from '#services/documents/document_files'
import LibraryQuota from '#services/documents/library_quota'
import {
  effectiveLevel,
  levelRank,
  LibraryAccess,
  type AccessLevel,
} from '#services/documents/library_access'
import { LibraryRuleError } from '#services/documents/library_errors'
import type { ReceivedFile } from '#services/documents/upload_receiver'
import { containsPattern, escapeLike } from '#services/database/like'

type Ctx = Pick<HttpContext, 'request'> | null

export interface DocumentDetails {
  title: string
  description?: string | null
  tags?: string | null
  accessLevel?: AccessLevel | null
  reviewOn?: Date | null
}

export const PER_PAGE = 20
const MAX_TAGS = 12

/**
 * Tags as stored: lower case, trimmed, unique, wrapped in commas so that one tag is matched
 * exactly by `LIKE '%,tag,%'`.
 */
export function normalizeTags(input: string | null | undefined) {
  const tags = (input ?? '')
    .split(',')
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, ' ').slice(0, 40))
    .filter((tag, index, all) => tag && all.indexOf(tag) === index)
    .slice(0, MAX_TAGS)
  return tags.length ? `,${tags.join(',')},` : ''
}

/**
 * Documents and their versions: upload, new versions, restore, details, deletion, search.
 * Who may call these is decided by DocumentPolicy and FolderPolicy; the rules live here.
 */
export default class DocumentService {
  /**
   * A new document with its first version. The file is checked (type, virus scan, quota)
   * before anything is written; its temporary copy is always removed.
   */
  static async create(
    actor: User,
    folder: Folder,
    details: DocumentDetails,
    received: ReceivedFile,
    changeNote: string | null | undefined,
    ctx: Ctx = null
  ) {
    const access = await LibraryAccess.for(actor)
    let accessLevel: AccessLevel | null
    try {
      accessLevel = DocumentService.#checkedLevel(access, folder.id, details.accessLevel)
    } catch (error) {
      await received.discard()
      throw error
    }
    const { stored, saved: document } = await DocumentService.#saveWithFile(
      folder.id,
      received,
      (file) =>
        db.transaction(async (trx) => {
          await LibraryQuota.reserve(trx, folder.id, file.sizeBytes)
          const created = await Document.create(
            {
              folderId: folder.id,
              title: details.title,
              description: details.description ?? null,
              tags: normalizeTags(details.tags),
              accessLevel,
              ownerId: actor.id,
              reviewOn: details.reviewOn ? DateTime.fromJSDate(details.reviewOn) : null,
            },
            { client: trx }
          )
          const version = await DocumentVersion.create(
            { ...file, documentId: created.id, number: 1, changeNote, uploadedById: actor.id },
            { client: trx }
          )
          created.currentVersionId = version.id
          await created.save()
          return created
        })
    )
    await AuditLogService.record(
      {
        action: 'document.uploaded',
        actor,
        meta: { documentId: document.id, folderId: folder.id, checksum: stored.checksum },
      },
      ctx
    )
    return document
  }

  /** A new version; the older ones stay and can still be downloaded or restored. */
  static async addVersion(
    actor: User,
    document: Document,
    received: ReceivedFile,
    changeNote: string | null | undefined,
    ctx: Ctx = null
  ) {
    const { stored, saved: version } = await DocumentService.#saveWithFile(
      document.folderId,
      received,
      (file) =>
        db.transaction(async (trx) => {
          await LibraryQuota.reserve(trx, document.folderId, file.sizeBytes)
          const latest = await trx
            .from('document_versions')
            .where('document_id', document.id)
            .max('number as latest')
            .first()
          const created = await DocumentVersion.create(
            {
              ...file,
              documentId: document.id,
              number: Number(latest?.latest ?? 0) + 1,
              changeNote: changeNote ?? null,
              uploadedById: actor.id,
            },
            { client: trx }
          )
          document.useTransaction(trx)
          document.currentVersionId = created.id
          await document.save()
          return created
        })
    )
    await AuditLogService.record(
      {
        action: 'document.version_added',
        actor,
        meta: { documentId: document.id, version: version.number, checksum: stored.checksum },
      },
      ctx
    )
    return version
  }

  static async restore(actor: User, document: Document, version: DocumentVersion, ctx: Ctx = null) {
    if (version.documentId !== document.id) {
      throw new LibraryRuleError('This version belongs to another document.')
    }
    document.currentVersionId = version.id
    await document.save()
    await AuditLogService.record(
      {
        action: 'document.version_restored',
        actor,
        meta: { documentId: document.id, version: version.number },
      },
      ctx
    )
  }

  /**
   * Title, description, tags, level, review date and folder. A move never loosens what the
   * document protects: when the new folder is less strict, the document keeps its former level.
   */
  static async update(
    actor: User,
    document: Document,
    details: DocumentDetails & { folderId?: number },
    ctx: Ctx = null
  ) {
    const access = await LibraryAccess.for(actor)
    const folderId = details.folderId ?? document.folderId
    let accessLevel = details.accessLevel === undefined ? document.accessLevel : details.accessLevel
    if (folderId !== document.folderId) {
      if (!access.canEditFolderContents(folderId)) {
        throw new LibraryRuleError('Choose a folder you may add documents to.', 'folderId')
      }
      const before = access.documentLevel(document)
      const after = effectiveLevel([access.folderLevel(folderId), accessLevel])
      if (levelRank(after) < levelRank(before)) accessLevel = before
    }
    accessLevel = DocumentService.#checkedLevel(access, folderId, accessLevel)
    document.merge({
      folderId,
      title: details.title,
      description: details.description ?? null,
      tags: normalizeTags(details.tags),
      accessLevel,
      reviewOn: details.reviewOn ? DateTime.fromJSDate(details.reviewOn) : null,
    })
    if (document.$dirty.reviewOn !== undefined) document.reviewRemindedOn = null
    const changed = Object.keys(document.$dirty)
    await document.save()
    await AuditLogService.record(
      { action: 'document.updated', actor, meta: { documentId: document.id, changed } },
      ctx
    )
    return document
  }

  /** Deletes the document with every version; the files go once the rows are gone. */
  static async destroy(actor: User, document: Document, ctx: Ctx = null) {
    const versions = await DocumentVersion.query().where('document_id', document.id)
    await db.transaction(async (trx) => {
      document.useTransaction(trx)
      document.currentVersionId = null
      await document.save()
      await document.delete()
    })
    await DocumentFiles.delete(versions.map((version) => version.driveKey))
    await AuditLogService.record(
      {
        action: 'document.deleted',
        actor,
        meta: { documentId: document.id, title: document.title, versions: versions.length },
      },
      ctx
    )
  }

  /**
   * Search by title, description and tag, within what the viewer may read, newest first.
   */
  static search(access: LibraryAccess, filters: { q?: string; tag?: string; page?: number }) {
    const query = Document.query()
      .withScopes((scopes) => scopes.visibleTo(access))
      .preload('folder')
      .preload('currentVersion')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
    if (filters.q) {
      const term = containsPattern(filters.q)
      query.where((match) => {
        match
          .whereRaw("lower(title) like ? escape '\\'", [term])
          .orWhereRaw("lower(coalesce(description, '')) like ? escape '\\'", [term])
          .orWhereRaw("tags like ? escape '\\'", [term])
      })
    }
    if (filters.tag) {
      query.whereRaw("tags like ? escape '\\'", [`%,${escapeLike(filters.tag.toLowerCase())},%`])
    }
    return query.paginate(filters.page ?? 1, PER_PAGE)
  }

  /**
   * Checks and stores the file, then runs `save`, which writes the rows that name it. The
   * stored file is removed if `save` fails, and only then: once those rows are committed the
   * file is theirs, whatever fails after.
   */
  static async #saveWithFile<Saved>(
    folderId: number,
    received: ReceivedFile,
    save: (stored: StoredFile) => Promise<Saved>
  ) {
    const stored = await DocumentService.#accept(folderId, received)
    try {
      return { stored, saved: await save(stored) }
    } catch (error) {
      await DocumentFiles.delete([stored.driveKey])
      throw error
    }
  }

  static async #accept(folderId: number, received: ReceivedFile) {
    try {
      await LibraryQuota.ensureRoom(folderId, received.size)
    } catch (error) {
      await received.discard()
      throw error
    }
    return DocumentFiles.accept(received)
  }

  static #checkedLevel(
    access: LibraryAccess,
    folderId: number,
    level: AccessLevel | null | undefined
  ): AccessLevel | null {
    if (!level) return null
    if (!access.choosableLevels(folderId).includes(level)) {
      throw new LibraryRuleError(
        'This level is looser than the folder, or stricter than your own access.',
        'accessLevel'
      )
    }
    // The folder's own level is what it inherits anyway.
    return level === access.folderLevel(folderId) ? null : level
  }
}
