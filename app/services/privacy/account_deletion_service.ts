import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import privacyRegistry, { type AfterErase } from '#services/privacy/privacy_registry'
import DeleteStoredFiles from '#jobs/privacy/delete_stored_files'

/**
 * Deleting one's own account: every registered module erases or anonymises what it holds about
 * the person in one transaction. The account row stays, disabled and anonymised, so content
 * others still see keeps an author ("Former member") and the audit trail keeps its ids.
 */
export default class AccountDeletionService {
  /**
   * Returns false when the password is wrong.
   */
  static async delete(user: User, password: string) {
    if (!(await hash.verify(user.password, password))) {
      return false
    }
    const afterErase: AfterErase[] = []
    await db.transaction(async (trx) => {
      for (const module of privacyRegistry.all()) {
        const cleanup = await module.erase(user, trx)
        if (cleanup) afterErase.push(cleanup)
      }
    })
    const files = afterErase.flatMap((left) => left.files ?? [])
    try {
      if (files.length) await DeleteStoredFiles.dispatch({ keys: files })
    } catch (error) {
      logger.error({ err: error, userId: user.id, files }, 'files of a deleted account not queued')
    }
    for (const left of afterErase) {
      try {
        await left.now?.()
      } catch (error) {
        logger.error({ err: error, userId: user.id }, 'cleanup after account deletion failed')
      }
    }
    // Without the request's IP and browser: the erasure just removed them from everywhere else.
    await AuditLogService.record({ action: 'account.deleted', actor: user, subject: user })
    return true
  }
}
