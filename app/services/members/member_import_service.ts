import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
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
import AuditLogService from '#services/audit/audit_log_service'
import MembershipStatusService from '#services/members/membership_status_service'
import { canTransition } from '#services/members/transitions'
import SendMemberInvitation from '#jobs/members/send_member_invitation'

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

export class ImportFileError extends Error {}

function blankToUndefined(record: Record<string, string>) {
  const out: Record<string, string | undefined> = {}
  for (const [key, value] of Object.entries(record)) {
    out[key] = value.trim() === '' ? undefined : value
  }
  return out
}

/**
 * Importing members from a spreadsheet, in two steps: a dry run that parses and checks every
 * row and says what would happen, then the import of the same file (kept under tmp/ by a random
 * token). Rows are matched by email, so importing twice updates, never duplicates; new accounts
 * are invited to choose a password.
 */
export default class MemberImportService {
  static directory() {
    return app.tmpPath('member-imports')
  }

  /** Keeps the uploaded file for the confirmation step; returns its token. */
  static async keep(bytes: Buffer, actor: User) {
    const token = randomBytes(24).toString('base64url')
    await mkdir(this.directory(), { recursive: true })
    await this.#forgetStale()
    await writeFile(`${this.directory()}/${actor.id}-${token}.csv`, bytes)
    return token
  }

  /** Previews nobody confirmed within a day are dropped. */
  static async #forgetStale() {
    const limit = Date.now() - 24 * 60 * 60 * 1000
    for (const name of await readdir(this.directory())) {
      const path = `${this.directory()}/${name}`
      const info = await stat(path).catch(() => null)
      if (info && info.mtimeMs < limit) await rm(path, { force: true })
    }
  }

  static async load(token: string, actor: User) {
    try {
      return await readFile(`${this.directory()}/${actor.id}-${token}.csv`)
    } catch {
      return null
    }
  }

  static async discard(token: string, actor: User) {
    await rm(`${this.directory()}/${actor.id}-${token}.csv`, { force: true })
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
   * since). Returns the counts; new accounts get their invitation through queued jobs.
   */
  static async import(bytes: Buffer, actor: User, ctx?: Pick<HttpContext, 'request'> | null) {
    const rows = await this.preview(bytes)
    const created: number[] = []
    let updated = 0
    let unchanged = 0
    const allTypes = await MembershipType.all()
    const types = new Map(allTypes.map((type) => [type.id, type]))

    for (const row of rows) {
      if (row.action === 'error' || !row.data || !row.typeId) continue
      if (row.action === 'unchanged') {
        unchanged++
        continue
      }
      const data = row.data
      const type = types.get(row.typeId)!
      await db.transaction(async (trx) => {
        let user = await User.query({ client: trx }).where('email', data.email).first()
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
          created.push(user.id)
        } else {
          user.useTransaction(trx)
          if (data.full_name) user.fullName = data.full_name
          if (data.phone) user.phone = data.phone
          await user.save()
          updated++
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
      })
    }

    if (created.length > 0) {
      await SendMemberInvitation.dispatchMany(created.map((userId) => ({ userId })))
    }
    const result = {
      created: created.length,
      updated,
      unchanged,
      failed: rows.filter((row) => row.action === 'error').length,
    }
    await AuditLogService.record({ action: 'membership.imported', actor, meta: result }, ctx)
    return result
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
