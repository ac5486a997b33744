import archiver from 'archiver'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { appUrl } from '#config/app'
import DataExport from '#models/data_export'
import type User from '#models/user'
import AuditLogService, { type AuditSource } from '#services/audit/audit_log_service'
import { affectedRows } from '#services/database/affected_rows'
import { sqlTime } from '#services/database/sql_time'
import privacyRegistry from '#services/privacy/privacy_registry'
import PrepareDataExport from '#jobs/privacy/prepare_data_export'
import DataExportReadyMail from '#mails/account/data_export_ready_mail'

/**
 * How long an archive can be downloaded once it is ready: long enough to find the mail after a
 * weekend away, short enough that a copy of everything about the person does not linger.
 */
export const DATA_EXPORT_RETENTION = { days: 7 }

/** Archives kept per member; a newer one replaces the oldest beyond this. */
export const DATA_EXPORTS_KEPT = 3

const PURGE_BATCH = 500

/**
 * "Download my data": one ZIP with a JSON file per privacy module and the files the person
 * uploaded. Asking for it queues the PrepareDataExport job; the job builds the archive into the
 * shared drive storage (so any instance serves it), records it in `data_exports` and mails the
 * member a link. The archive is downloaded by its owner only, until it expires; the scheduled
 * PurgeExpiredDataExports job then deletes it.
 */
export default class DataExportService {
  /**
   * Records the request and queues the archive. The audit entry is the member's request, with
   * where it came from; the download is recorded separately.
   */
  static async request(user: User, source: AuditSource) {
    const dataExport = await DataExport.create({
      userId: user.id,
      status: 'preparing',
      expiresAt: DateTime.utc().plus(DATA_EXPORT_RETENTION),
    })
    await AuditLogService.record(
      { action: 'data.exported', actor: user, subject: user, meta: { exportId: dataExport.id } },
      source
    )
    try {
      await PrepareDataExport.dispatch({ exportId: dataExport.id })
    } catch (error) {
      // Nothing would ever prepare it: the page must not say it is coming.
      await DataExport.query().where('id', dataExport.id).delete()
      throw error
    }
    return dataExport
  }

  /**
   * Builds the archive of a waiting export (or one the board retried after it failed) and mails
   * its link. Does nothing for an export that is already ready (a repeated run) or gone (the
   * account was deleted, or it expired before a worker got to it). Returns the ready export.
   */
  static async prepare(exportId: string) {
    const waiting = () =>
      DataExport.query().where('id', exportId).whereIn('status', ['preparing', 'failed'])
    const dataExport = await waiting().preload('user').first()
    if (!dataExport) return null

    const disk = drive.use()
    const key = this.fileKey(dataExport.id)
    await disk.putStream(key, await this.archive(dataExport.user))
    const { contentLength } = await disk.getMetaData(key)
    const readyAt = DateTime.utc()
    const expiresAt = readyAt.plus(DATA_EXPORT_RETENTION)
    // Conditional, so an account deleted while the archive was built keeps no copy of it.
    const updated = await waiting().update({
      status: 'ready',
      file_key: key,
      size_bytes: contentLength,
      ready_at: sqlTime(readyAt),
      expires_at: sqlTime(expiresAt),
    })
    if (affectedRows(updated) !== 1) {
      await disk.delete(key)
      return null
    }
    dataExport.merge({
      status: 'ready',
      fileKey: key,
      sizeBytes: contentLength,
      readyAt,
      expiresAt,
    })

    await this.#keepNewest(dataExport.user)
    await mail.sendLater(
      new DataExportReadyMail(dataExport.user, dataExport, this.downloadUrl(dataExport))
    )
    return dataExport
  }

  /** An export whose job ran out of retries: the page says so instead of "being prepared". */
  static async markFailed(exportId: string) {
    await DataExport.query()
      .where('id', exportId)
      .where('status', 'preparing')
      .update({ status: 'failed' })
  }

  /** What the privacy page lists: the member's exports that have not expired, newest first. */
  static listFor(user: User) {
    return DataExport.query()
      .where('user_id', user.id)
      .where('expires_at', '>', sqlTime(DateTime.utc()))
      .orderBy('created_at', 'desc')
  }

  /**
   * The archive's contents, or null when its file is missing (removed by a purge on another
   * instance since the row was read).
   */
  static async open(dataExport: DataExport) {
    const disk = drive.use()
    if (!dataExport.fileKey || !(await disk.exists(dataExport.fileKey))) return null
    return disk.getStream(dataExport.fileKey)
  }

  static async recordDownload(dataExport: DataExport, user: User, source: AuditSource) {
    dataExport.downloadedAt = DateTime.utc()
    await dataExport.save()
    await AuditLogService.record(
      {
        action: 'data.export_downloaded',
        actor: user,
        subject: user,
        meta: { exportId: dataExport.id },
      },
      source
    )
  }

  /**
   * Where an export's archive is stored: known from its id alone, so a file left by a run that
   * failed half-way is deleted with its row too.
   */
  static fileKey(exportId: string) {
    return `data-exports/${exportId}.zip`
  }

  static downloadUrl(dataExport: DataExport) {
    return urlFor('data_export.show', { id: dataExport.id }, { prefixUrl: appUrl })
  }

  static fileName(dataExport: DataExport) {
    const day = (dataExport.readyAt ?? dataExport.createdAt).toUTC().toFormat('yyyyLLdd')
    return `guildhall-data-${dataExport.userId}-${day}.zip`
  }

  /**
   * Deletes expired archives, files first, so a failed run leaves rows for the next one. In
   * batches, so a backlog (a worker down for days) is never loaded at once.
   */
  static async purgeExpired() {
    const now = sqlTime(DateTime.utc())
    let purged = 0
    for (;;) {
      const expired = await DataExport.query()
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .limit(PURGE_BATCH)
      await this.#discard(expired)
      purged += expired.length
      if (expired.length < PURGE_BATCH) return purged
    }
  }

  /**
   * Forgets the exports of an account being erased and returns their files, for the caller to
   * remove once its transaction has committed.
   */
  static async forgetAllOf(user: User, trx: TransactionClientContract) {
    const rows = await DataExport.query({ client: trx }).where('user_id', user.id).select('id')
    await DataExport.query({ client: trx }).where('user_id', user.id).delete()
    return rows.map((row) => this.fileKey(row.id))
  }

  static async #keepNewest(user: User) {
    const older = await DataExport.query()
      .where('user_id', user.id)
      .where('status', 'ready')
      .orderBy('ready_at', 'desc')
      .offset(DATA_EXPORTS_KEPT)
    await this.#discard(older)
  }

  static async #discard(exports: DataExport[]) {
    const disk = drive.use()
    for (const dataExport of exports) {
      await disk.delete(this.fileKey(dataExport.id))
      await DataExport.query().where('id', dataExport.id).delete()
    }
  }

  /**
   * The archive as a stream. Everything is gathered first, so a failing module fails the job
   * (which is retried) instead of storing a truncated archive.
   */
  static async archive(user: User) {
    const exports = []
    for (const module of privacyRegistry.all()) {
      exports.push({ name: module.name, ...(await module.export(user)) })
    }

    const archive = archiver('zip', { zlib: { level: 6 } })
    archive.on('error', (error) => logger.error({ err: error }, 'data export archive failed'))
    archive.append(
      JSON.stringify(
        {
          exportedAt: DateTime.utc().toISO(),
          modules: exports.map((entry) => entry.name),
        },
        null,
        2
      ),
      { name: 'export.json' }
    )
    for (const entry of exports) {
      archive.append(JSON.stringify(entry.data, null, 2), { name: `${entry.name}.json` })
      for (const file of entry.files ?? []) {
        archive.append(file.contents, { name: `files/${entry.name}/${file.name}` })
      }
    }
    void archive.finalize()
    return archive
  }
}
