import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import vine from '@vinejs/vine'
import { errors as vineErrors } from '@vinejs/vine'
import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import Membership, { type MembershipStatus } from '#models/membership'
import MembershipType from '#models/membership_type'
import MemberProfile from '#models/member_profile'
import User from '#models/user'
import AuditLogService, { type AuditSource } from '#services/audit/audit_log_service'
import MembershipStatusService, {
  MembershipConflictError,
} from '#services/members/membership_status_service'
import { canTransition, TransitionRefusedError } from '#services/members/transitions'
import SendMemberInvitation from '#jobs/members/send_member_invitation'
import { affectedRows } from '#services/database/affected_rows'
import { hashToken } from '#services/auth/token_hash'

export const IMPORT_COLUMNS = [
  'email',
  'full_name',
  'type',
  'status',
  'started_on',
  'expires_on',
  'phone',
  'institution',
  'position',
  'field',
  'country',
] as const

const MAX_ROWS = 5000
const IMPORT_STATUSES = ['active', 'grace', 'inactive', 'suspended'] as const

const rowValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
  full_name: vine.string().trim().maxLength(120).optional(),
  type: vine.string().trim().maxLength(80),
  status: vine.enum(IMPORT_STATUSES).optional(),
  started_on: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  expires_on: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  phone: vine.string().trim().maxLength(40).optional(),
  institution: vine.string().trim().maxLength(200).optional(),
  position: vine.string().trim().maxLength(200).optional(),
  field: vine.string().trim().maxLength(200).optional(),
  country: vine
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .optional(),
})

type RowData = Awaited<ReturnType<typeof rowValidator.validate>>

export interface PreviewRow {
  line: number
  email: string
  action: 'create' | 'update' | 'unchanged' | 'error'
  errors: string[]
  data?: RowData
  typeId?: number
}

export interface ImportReport {
  created: number
  updated: number
  unchanged: number
  skipped: { line: number; email: string; reason: string }[]
}

export class ImportFileError extends Error {}

function blankToUndefined(record: Record<string, string>) {
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(record)) {
    out[key] = value.trim() === '' ? undefined : value
  }
  return out
}

/** Where a preview's file is kept in the shared storage: named after its token's hash. */
function previewKey(tokenHash: string) {
  return `member-imports/${tokenHash}.csv`
}

/** Previews older than this may no longer be confirmed. */
function previewCutoff() {
  return DateTime.utc().minus({ days: 1 }).toSQL({ includeOffset: false })
}

/**
 * Importing members from a spreadsheet, in two steps: a dry run in the request that parses and
 * checks every row and says what would happen (the file kept in the shared storage, its row in
 * `member_import_previews`, under a random token), then, once confirmed, the import of the same
 * file by the ImportMembers job. Any instance can take the confirmation. Rows are matched by
 * email, so importing twice updates, never duplicates; new accounts are invited to choose a
 * password.
 */
export default class MemberImportService {
  /** Keeps the uploaded file for the confirmation step; returns its token. */
  static async keep(bytes: Buffer, actor: User) {
    await this.#forgetStale()
    const token = randomBytes(24).toString('base64url')
    const tokenHash = hashToken(token)
    await drive.use().put(previewKey(tokenHash), bytes)
    await db.table('member_import_previews').insert({
      token_hash: tokenHash,
      user_id: actor.id,
      created_at: DateTime.utc().toSQL({ includeOffset: false }),
    })
    return token
  }

  /** Previews nobody confirmed within a day are dropped, with their files. */
  static async #forgetStale() {
    const stale = await db
      .from('member_import_previews')
      .whereNull('confirmed_at')
      .where('created_at', '<', previewCutoff())
      .select('token_hash')
    for (const { token_hash: tokenHash } of stale) {
      await drive.use().delete(previewKey(tokenHash))
      await db.from('member_import_previews').where('token_hash', tokenHash).delete()
    }
  }

  /**
   * Marks the preview confirmed and returns its file's key for the import job, or null when the
   * preview expired, is someone else's, or was already confirmed. The conditional update lets
   * one confirmation through, whichever instance each of a double click reaches.
   */
  static async stage(token: string, actor: User) {
    const tokenHash = hashToken(token)
    const confirmed = await db
      .from('member_import_previews')
      .where('token_hash', tokenHash)
      .where('user_id', actor.id)
      .whereNull('confirmed_at')
      .where('created_at', '>=', previewCutoff())
      .update({ confirmed_at: DateTime.utc().toSQL({ includeOffset: false }) })
    return affectedRows(confirmed) === 1 ? previewKey(tokenHash) : null
  }

  /**
   * Imports a staged file, then removes it; null when it is gone, that is when an earlier run
   * of the job finished it.
   */
  static async importStaged(key: string, actor: User, origin: AuditSource) {
    const disk = drive.use()
    if (!(await disk.exists(key))) return null
    const report = await this.import(Buffer.from(await disk.getBytes(key)), actor, origin)
    await this.unstage(key)
    return report
  }

  /** Drops a staged file and its preview (imported, or its admin may no longer import). */
  static async unstage(key: string) {
    await drive.use().delete(key)
    await db.from('member_import_previews').where('token_hash', basename(key, '.csv')).delete()
  }

  static async discard(token: string) {
    await this.unstage(previewKey(hashToken(token)))
  }

  /**
   * Forgets the previews an admin left unconfirmed (an account being erased) and returns their
   * files, for the caller to remove once its transaction has committed.
   */
  static async forgetPreviewsOf(user: User, trx: TransactionClientContract) {
    const waiting = trx
      .from('member_import_previews')
      .where('user_id', user.id)
      .whereNull('confirmed_at')
    const rows = await waiting.clone().select('token_hash')
    await waiting.delete()
    return rows.map((row) => previewKey(row.token_hash))
  }

  static parse(bytes: Buffer): Record<string, string>[] {
    let records: Record<string, string>[]
    try {
      records = parse(bytes, {
        bom: true,
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      })
    } catch (error) {
      throw new ImportFileError(`The file is not valid CSV: ${(error as Error).message}`)
    }
    if (records.length === 0) throw new ImportFileError('The file has no rows.')
    if (records.length > MAX_ROWS) {
      throw new ImportFileError(`Import at most ${MAX_ROWS} rows at a time.`)
    }
    const headers = Object.keys(records[0])
    for (const required of ['email', 'type']) {
      if (!headers.includes(required)) {
        throw new ImportFileError(`The file needs a "${required}" column.`)
      }
    }
    return records
  }

  /** Checks every row and says what importing it would do; nothing is written. */
  static async preview(bytes: Buffer): Promise<PreviewRow[]> {
    const records = this.parse(bytes)
    const types = await MembershipType.all()
    const typeByKey = new Map<string, MembershipType>()
    for (const type of types) {
      typeByKey.set(type.slug.toLowerCase(), type)
      typeByKey.set(type.name.toLowerCase(), type)
    }
    const emails = records.map((record) =>
      String(record.email ?? '')
        .trim()
        .toLowerCase()
    )
    const users = await User.query().whereIn('email', emails.filter(Boolean))
    const userByEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]))
    const memberships = await Membership.query().whereIn(
      'user_id',
      users.map((user) => user.id)
    )
    const membershipByUser = new Map(memberships.map((m) => [m.userId, m]))
    const seen = new Set<string>()

    const rows: PreviewRow[] = []
    for (const [index, record] of records.entries()) {
      const line = index + 2
      const email = String(record.email ?? '')
        .trim()
        .toLowerCase()
      const row: PreviewRow = { line, email, action: 'error', errors: [] }
      rows.push(row)
      let data: RowData
      try {
        data = await rowValidator.validate(blankToUndefined(record))
      } catch (error) {
        if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
        row.errors = (error.messages as { field: string; message: string }[]).map(
          (message) => `${message.field}: ${message.message}`
        )
        continue
      }
      if (seen.has(data.email)) {
        row.errors.push('email: this address appears earlier in the file')
        continue
      }
      seen.add(data.email)
      const type = typeByKey.get(data.type.toLowerCase())
      if (!type) {
        row.errors.push(`type: no membership type is called "${data.type}"`)
        continue
      }
      const user = userByEmail.get(data.email)
      if (!user && !data.full_name) {
        row.errors.push('full_name: a new member needs a name')
        continue
      }
      if (user && user.status !== 'active') {
        row.errors.push('email: this account is disabled or suspended')
        continue
      }
      const membership = user ? membershipByUser.get(user.id) : undefined
      const status = (data.status ?? 'active') as MembershipStatus
      if (membership && membership.status !== status && !canTransition(membership.status, status)) {
        row.errors.push(`status: a membership cannot go from ${membership.status} to ${status}`)
        continue
      }
      row.data = data
      row.typeId = type.id
      row.action = !user
        ? 'create'
        : this.#changes(user, membership, data, type.id)
          ? 'update'
          : 'unchanged'
    }
    return rows
  }

  static #changes(user: User, membership: Membership | undefined, data: RowData, typeId: number) {
    if (!membership) return true
    if (data.full_name && data.full_name !== user.fullName) return true
    if (data.phone && data.phone !== user.phone) return true
    if (membership.membershipTypeId !== typeId) return true
    if ((data.status ?? 'active') !== membership.status) return true
    if (
      data.expires_on &&
      membership.expiresOn?.toISODate() !== DateTime.fromJSDate(data.expires_on).toISODate()
    ) {
      return true
    }
    return Boolean(data.institution || data.position || data.field || data.country)
  }

  /**
   * Imports the rows without errors (the preview is computed again: the data may have changed
   * since). New accounts get their invitation through queued jobs. A row the data no longer
   * allows (a status changed meanwhile) is skipped with its reason, like a row with errors.
   */
  static async import(bytes: Buffer, actor: User, origin: AuditSource): Promise<ImportReport> {
    const rows = await this.preview(bytes)
    const created: number[] = []
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0, skipped: [] }
    const allTypes = await MembershipType.all()
    const types = new Map(allTypes.map((type) => [type.id, type]))

    for (const row of rows) {
      if (row.action === 'error' || !row.data || !row.typeId) {
        report.skipped.push({ line: row.line, email: row.email, reason: row.errors.join('; ') })
        continue
      }
      if (row.action === 'unchanged') {
        report.unchanged++
        continue
      }
      try {
        const userId = await this.#importRow(row.data, types.get(row.typeId)!, actor)
        if (userId) created.push(userId)
        else report.updated++
      } catch (error) {
        if (
          !(error instanceof TransitionRefusedError) &&
          !(error instanceof MembershipConflictError)
        ) {
          throw error
        }
        report.skipped.push({ line: row.line, email: row.email, reason: error.message })
      }
    }

    if (created.length > 0) {
      await SendMemberInvitation.dispatchMany(created.map((userId) => ({ userId })))
    }
    report.created = created.length
    await AuditLogService.record(
      {
        action: 'membership.imported',
        actor,
        meta: {
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          failed: report.skipped.length,
        },
      },
      origin
    )
    return report
  }

  /** One row in one transaction; returns the id of the account it created, if any. */
  static async #importRow(data: RowData, type: MembershipType, actor: User) {
    return db.transaction(async (trx) => {
      let user = await User.query({ client: trx }).where('email', data.email).first()
      let createdId: number | null = null
      if (!user) {
        user = await User.create(
          {
            email: data.email,
            fullName: data.full_name!,
            // Nobody knows this password: the invitation sets a real one.
            password: randomBytes(32).toString('base64url'),
            role: 'user',
            status: 'active',
            // The association vouches for the address; the invitation link proves it anyway.
            emailVerifiedAt: DateTime.utc(),
            phone: data.phone ?? null,
          },
          { client: trx }
        )
        createdId = user.id
      } else {
        user.useTransaction(trx)
        if (data.full_name) user.fullName = data.full_name
        if (data.phone) user.phone = data.phone
        await user.save()
      }
      await this.#membership(user, type, data, actor, trx)
      const profile: Record<string, string> = {}
      for (const key of ['institution', 'position', 'field'] as const) {
        if (data[key]) profile[key] = data[key]!
      }
      if (data.country) profile.country = data.country.toUpperCase()
      if (Object.keys(profile).length > 0) {
        await MemberProfile.updateOrCreate({ userId: user.id }, profile, { client: trx })
      }
      return createdId
    })
  }

  static async #membership(
    user: User,
    type: MembershipType,
    data: RowData,
    actor: User,
    trx: TransactionClientContract
  ) {
    const status = (data.status ?? 'active') as MembershipStatus
    const expiresOn = data.expires_on
      ? DateTime.fromJSDate(data.expires_on, { zone: 'utc' })
      : undefined
    let membership = await Membership.query({ client: trx }).where('user_id', user.id).first()

    if (!membership) {
      // Admitted exactly as an approved applicant is, then moved to the file's status.
      membership = await MembershipStatusService.admit(user, type, trx, {
        actor,
        reason: 'Imported',
        startedOn: data.started_on
          ? DateTime.fromJSDate(data.started_on, { zone: 'utc' })
          : undefined,
        expiresOn,
      })
    } else {
      membership.useTransaction(trx)
      membership.membershipTypeId = type.id
      if (expiresOn) membership.expiresOn = expiresOn
      await membership.save()
    }
    if (membership.status !== status) {
      await MembershipStatusService.change(membership, status, {
        actor,
        reason: 'Imported',
        notify: false,
        client: trx,
      })
    }
  }
}
