import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import drive from '@adonisjs/drive/services/main'

/**
 * Removes the stored files of a deleted account (avatar, application documents, images of
 * unpublished drafts) once the deletion has committed. Deleting a file that is already gone
 * succeeds, so a retry after a partial run finishes the job.
 */
export default class DeleteStoredFiles extends Job<{ keys: string[] }> {
  static options: JobOptions = { maxRetries: 5 }

  async execute() {
    for (const key of this.payload.keys) {
      await drive.use().delete(key)
    }
  }
}
