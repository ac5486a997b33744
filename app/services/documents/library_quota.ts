import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import Folder from '#models/folder'
import { UploadRejectedError } from '#services/uploads/image_upload_service'
import env from '#start/env'
import { formatBytes } from '#services/formatting/display'

const MB = 1024 * 1024
// The PostgreSQL advisory lock that serializes uploads while they check the quota.
const QUOTA_LOCK = 4_710_001

interface QuotaLine {
  folderId: number | null
  name: string
  usedBytes: number
  limitBytes: number
}

/**
 * Storage quotas: one for the whole library (DOCUMENTS_QUOTA_MB) and optional ones per folder,
 * which count the folder with everything below it. Every version counts, since older versions
 * are kept.
 */
export default class LibraryQuota {
  static totalLimitBytes() {
    return env.get('DOCUMENTS_QUOTA_MB', 2048) * MB
  }

  static async #load(client: QueryClientContract = db.connection()) {
    const [folders, rows] = await Promise.all([
      Folder.query({ client }).select('id', 'parent_id', 'name', 'quota_bytes'),
      client
        .from('document_versions')
        .join('documents', 'documents.id', 'document_versions.document_id')
        .groupBy('documents.folder_id')
        .select('documents.folder_id')
        .sum('document_versions.size_bytes as bytes'),
    ])
    const direct = new Map<number, number>(
      rows.map((row: { folder_id: number; bytes: string | number | null }) => [
        Number(row.folder_id),
        Number(row.bytes ?? 0),
      ])
    )
    const byId = new Map(folders.map((folder) => [folder.id, folder]))
    const subtree = new Map<number, number>()
    let total = 0
    for (const [folderId, bytes] of direct) {
      total += bytes
      const seen = new Set<number>()
      let node = byId.get(folderId)
      while (node && !seen.has(node.id)) {
        seen.add(node.id)
        subtree.set(node.id, (subtree.get(node.id) ?? 0) + bytes)
        node = node.parentId === null ? undefined : byId.get(node.parentId)
      }
    }
    return { folders, byId, subtree, total }
  }

  /**
   * Refuses an upload of `bytes` into `folderId` that would pass the library's quota or the
   * quota of the folder or any folder above it.
   */
  static async ensureRoom(folderId: number, bytes: number, client?: QueryClientContract) {
    const { byId, subtree, total } = await LibraryQuota.#load(client)
    if (total + bytes > LibraryQuota.totalLimitBytes()) {
      throw new UploadRejectedError(
        `The library is full: ${formatBytes(total)} of ${formatBytes(LibraryQuota.totalLimitBytes())} used. Ask an administrator to make room.`
      )
    }
    const seen = new Set<number>()
    let node = byId.get(folderId)
    while (node && !seen.has(node.id)) {
      seen.add(node.id)
      if (node.quotaBytes !== null && (subtree.get(node.id) ?? 0) + bytes > node.quotaBytes) {
        throw new UploadRejectedError(
          `The folder "${node.name}" is full: ${formatBytes(subtree.get(node.id) ?? 0)} of ${formatBytes(node.quotaBytes)} used. Ask the board to make room.`
        )
      }
      node = node.parentId === null ? undefined : byId.get(node.parentId)
    }
  }

  /**
   * `ensureRoom` again inside the transaction that records the new version, so that uploads
   * finishing at the same moment cannot all pass the check made before their files were
   * stored. On PostgreSQL the transaction first takes the library's quota lock, which such
   * uploads then wait for in turn; SQLite runs one writing transaction at a time anyway.
   */
  static async reserve(trx: TransactionClientContract, folderId: number, bytes: number) {
    if (trx.dialect.name === 'postgres') {
      await trx.rawQuery('select pg_advisory_xact_lock(?)', [QUOTA_LOCK])
    }
    await LibraryQuota.ensureRoom(folderId, bytes, trx)
  }

  /** The library's total and every folder quota, with what is used. */
  static async summary(): Promise<QuotaLine[]> {
    const { folders, subtree, total } = await LibraryQuota.#load()
    return [
      {
        folderId: null,
        name: 'Whole library',
        usedBytes: total,
        limitBytes: LibraryQuota.totalLimitBytes(),
      },
      ...folders
        .filter((folder) => folder.quotaBytes !== null)
        .map((folder) => ({
          folderId: folder.id,
          name: folder.name,
          usedBytes: subtree.get(folder.id) ?? 0,
          limitBytes: folder.quotaBytes!,
        })),
    ]
  }
}
