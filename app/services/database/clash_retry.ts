import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Runs `save` in a transaction of its own, again when it fails with a clash (`isClash`: another
 * request saved, at the same moment, a unique value this one had found free), at most
 * `attempts` times; after that the error of `exhausted` tells the user.
 */
export async function transactionRetriedOnClash<T>(
  save: (trx: TransactionClientContract) => Promise<T>,
  options: { attempts: number; isClash: (error: unknown) => boolean; exhausted: () => Error }
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(save)
    } catch (error) {
      if (!options.isClash(error)) throw error
      if (attempt === options.attempts) throw options.exhausted()
    }
  }
}
