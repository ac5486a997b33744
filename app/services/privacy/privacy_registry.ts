import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'

/**
 * A file handed over in a data export, stored under `files/<name>` in the archive.
 */
export interface ExportedFile {
  name: string
  contents: Buffer
}

export interface ExportedData {
  /** Written as `<module>.json` in the archive. */
  data: Record<string, unknown>
  files?: ExportedFile[]
}

/**
 * Work that cannot be rolled back, done once the deletion's transaction has committed, so a
 * failed deletion never loses anything: stored files to remove (by a queued job) and work that
 * must happen at once (ending sessions in another store).
 */
export interface AfterErase {
  files?: string[]
  now?: () => Promise<void>
}

/**
 * What one part of Guildhall holds about a person, and how to hand it over or erase it.
 * `erase` runs inside the deletion's transaction and may return its after-commit work.
 * Content the person wrote for others (posts, comments) is kept and shown as a former member.
 */
export interface PrivacyModule {
  name: string
  export(user: User): Promise<ExportedData>
  erase(user: User, trx: TransactionClientContract): Promise<AfterErase | void>
}

/**
 * Every module that stores personal data registers here (see app/services/privacy/), so the
 * data export and the account deletion cover all of them and none can be forgotten.
 */
class PrivacyRegistry {
  #modules = new Map<string, PrivacyModule>()

  register(module: PrivacyModule) {
    if (this.#modules.has(module.name)) {
      throw new Error(`Privacy module "${module.name}" is registered twice`)
    }
    this.#modules.set(module.name, module)
    return this
  }

  all() {
    return [...this.#modules.values()]
  }
}

const privacyRegistry = new PrivacyRegistry()
export default privacyRegistry
