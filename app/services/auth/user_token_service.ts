import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import UserToken from '#models/user_token'
import type User from '#models/user'
import { affectedRows } from '#services/database/affected_rows'
import { hashToken } from '#services/auth/token_hash'

export type TokenPurpose = 'email_verification' | 'password_reset' | 'email_change'

const LIFETIMES: Record<TokenPurpose, { hours: number }> = {
  email_verification: { hours: 24 },
  password_reset: { hours: 1 },
  email_change: { hours: 24 },
}

/**
 * Single-use tokens sent by mail. Only their SHA-256 is stored, so a leaked database does not
 * leak usable links; issuing a new token of a purpose voids the user's earlier ones.
 */
export default class UserTokenService {
  static async issue(user: User, purpose: TokenPurpose, payload: string | null = null) {
    const token = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      await UserToken.query({ client: trx })
        .where('user_id', user.id)
        .where('purpose', purpose)
        .whereNull('used_at')
        .delete()
      await UserToken.create(
        {
          userId: user.id,
          purpose,
          tokenHash: hashToken(token),
          payload,
          expiresAt: DateTime.utc().plus(LIFETIMES[purpose]),
        },
        { client: trx }
      )
    })
    return token
  }

  /**
   * The token's record while it can still be used (unknown, expired and used ones give null),
   * without using it: lets a page check a link before showing its form.
   */
  static async find(token: string, purpose: TokenPurpose) {
    const record = await UserToken.query()
      .where('token_hash', hashToken(token))
      .where('purpose', purpose)
      .whereNull('used_at')
      .first()
    return record && record.expiresAt > DateTime.utc() ? record : null
  }

  /**
   * Marks the token used and returns it, or null when it is unknown, expired, already used or
   * for another purpose. The conditional update makes two simultaneous uses succeed once.
   */
  static async consume(token: string, purpose: TokenPurpose) {
    const record = await UserToken.query()
      .where('token_hash', hashToken(token))
      .where('purpose', purpose)
      .first()
    if (!record || record.usedAt || record.expiresAt < DateTime.utc()) {
      return null
    }
    const updated = await db
      .from('user_tokens')
      .where('id', record.id)
      .whereNull('used_at')
      .update({ used_at: DateTime.utc().toSQL() })
    return affectedRows(updated) === 1 ? record : null
  }
}
