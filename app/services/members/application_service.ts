import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { Exception } from '@adonisjs/core/exceptions'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import Membership from '#models/membership'
import MembershipApplication, { PROFESSIONAL_FIELDS } from '#models/membership_application'
import MembershipType from '#models/membership_type'
import MemberProfile from '#models/member_profile'
import User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'
import MembershipStatusService from '#services/members/membership_status_service'
import { checkFileAgainst, type FileAllowList } from '#services/uploads/file_type'
import ApplicationReceivedMail from '#mails/members/application_received_mail'
import ApplicationDecidedMail from '#mails/members/application_decided_mail'
import { affectedRows } from '#services/database/affected_rows'

/** The privacy policy version an applicant consents to; bump it when the policy changes. */
export const PRIVACY_POLICY_VERSION = '2026-01'

const SUPPORTING_DOCUMENT_KINDS: FileAllowList = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  png: { mime: 'image/png', label: 'PNG image' },
  jpg: { mime: 'image/jpeg', label: 'JPEG image' },
}

/** A rule of the membership process refused the request; `field` names the form field. */
export class ApplicationRuleError extends Exception {
  static status = 422
  constructor(
    message: string,
    public field: string | null = null
  ) {
    super(message)
  }
}

/** Another board member decided the application first. */
export class ApplicationAlreadyDecidedError extends Exception {
  static status = 409
  constructor() {
    super('This application has already been decided.')
  }
}

export interface ApplicationInput {
  membershipTypeId: number
  institution?: string | null
  position?: string | null
  field?: string | null
  degrees?: string | null
  website?: string | null
  orcid?: string | null
  interests?: string | null
  country?: string | null
  motivation: string
}

/**
 * Applying for membership and the board's decision. A decision is a conditional update of a
 * pending application, so when two board members decide at once exactly one succeeds.
 */
export default class ApplicationService {
  /** The applicant's open application, if any. */
  static pendingFor(user: User) {
    return MembershipApplication.query()
      .where('user_id', user.id)
      .where('status', 'pending')
      .preload('type')
      .first()
  }

  static async submit(
    user: User,
    input: ApplicationInput,
    document: MultipartFile | null | undefined,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const type = await MembershipType.query()
      .where('id', input.membershipTypeId)
      .where('is_active', true)
      .first()
    if (!type) {
      throw new ApplicationRuleError('Choose a membership type from the list.', 'membershipTypeId')
    }
    const membership = await Membership.findBy('user_id', user.id)
    if (membership?.isGood || membership?.status === 'suspended') {
      throw new ApplicationRuleError('You already have a membership.')
    }
    if (await this.pendingFor(user)) {
      throw new ApplicationRuleError('You already have an application waiting for the board.')
    }

    const stored = document ? await this.#storeDocument(document) : null
    const application = await MembershipApplication.create({
      userId: user.id,
      membershipTypeId: type.id,
      status: 'pending',
      institution: input.institution ?? null,
      position: input.position ?? null,
      field: input.field ?? null,
      degrees: input.degrees ?? null,
      website: input.website ?? null,
      orcid: input.orcid ?? null,
      interests: input.interests ?? null,
      country: input.country?.toUpperCase() ?? null,
      motivation: input.motivation,
      documentKey: stored?.key ?? null,
      documentName: stored?.name ?? null,
      documentMime: stored?.mime ?? null,
      consentVersion: PRIVACY_POLICY_VERSION,
      consentedAt: DateTime.utc(),
    })
    await mail.sendLater(new ApplicationReceivedMail(user, type))

    // Types open to anyone are admitted at once, through the same decision path.
    if (!type.requiresApproval) {
      await this.approve(application, null, ctx)
    }
    return application
  }

  static async #storeDocument(file: MultipartFile) {
    if (file.hasErrors || !file.tmpPath) {
      throw new ApplicationRuleError(
        file.errors[0]?.message ?? 'The file could not be received.',
        'document'
      )
    }
    const bytes = await readFile(file.tmpPath)
    const check = await checkFileAgainst(bytes, file.clientName, SUPPORTING_DOCUMENT_KINDS)
    if (!check.ok) {
      throw new ApplicationRuleError(check.reason, 'document')
    }
    const key = `applications/${randomUUID()}.${check.ext}`
    await drive.use().put(key, bytes)
    const name = file.clientName.replace(/[^\w.\- ]+/g, '_').slice(0, 200)
    return { key, name, mime: check.kind.mime }
  }

  static async approve(
    application: MembershipApplication,
    decider: User | null,
    ctx?: Pick<HttpContext, 'request'> | null
  ) {
    const result = await db.transaction(async (trx) => {
      const now = DateTime.utc()
      const updated = await trx
        .from('membership_applications')
        .where('id', application.id)
        .where('status', 'pending')
        .update({
          status: 'approved',
          decided_by_id: decider?.id ?? null,
          decided_at: now.toSQL(),
          updated_at: now.toSQL(),
        })
      if (affectedRows(updated) !== 1) {
        throw new ApplicationAlreadyDecidedError()
      }
      const user = await User.query({ client: trx }).where('id', application.userId).firstOrFail()
      const type = await MembershipType.query({ client: trx })
        .where('id', application.membershipTypeId)
        .firstOrFail()
      const membership = await MembershipStatusService.admit(user, type, trx, {
        actor: decider,
        reason: 'Application approved',
      })
      await this.#copyProfile(application, trx)
      return { user, type, membership }
    })

    application.status = 'approved'
    application.decidedById = decider?.id ?? null
    if (decider) {
      await AuditLogService.record(
        {
          action: 'membership.approved',
          actor: decider,
          subject: result.user,
          meta: { applicationId: application.id, memberNumber: result.membership.memberNumber },
        },
        ctx
      )
    }
    await mail.sendLater(
      new ApplicationDecidedMail(result.user, result.type, result.membership, null)
    )
    return result.membership
  }

  static async reject(
    application: MembershipApplication,
    decider: User,
    reason: string,
    ctx?: Pick<HttpContext, 'request'> | null
  ) {
    const now = DateTime.utc()
    const updated = await db
      .from('membership_applications')
      .where('id', application.id)
      .where('status', 'pending')
      .update({
        status: 'rejected',
        decided_by_id: decider.id,
        decided_at: now.toSQL(),
        decision_reason: reason,
        updated_at: now.toSQL(),
      })
    if (affectedRows(updated) !== 1) {
      throw new ApplicationAlreadyDecidedError()
    }
    application.status = 'rejected'
    const user = await User.findOrFail(application.userId)
    const type = await MembershipType.findOrFail(application.membershipTypeId)
    await AuditLogService.record(
      {
        action: 'membership.rejected',
        actor: decider,
        subject: user,
        meta: { applicationId: application.id, reason },
      },
      ctx
    )
    await mail.sendLater(new ApplicationDecidedMail(user, type, null, reason))
  }

  /** The approved application's professional information becomes the member's profile. */
  static async #copyProfile(application: MembershipApplication, trx: TransactionClientContract) {
    const values: Partial<Record<(typeof PROFESSIONAL_FIELDS)[number], string | null>> = {}
    for (const key of PROFESSIONAL_FIELDS) {
      values[key] = application[key] ?? null
    }
    await MemberProfile.updateOrCreate({ userId: application.userId }, values, { client: trx })
  }

  /** The supporting document's bytes, for the board's download. */
  static async document(application: MembershipApplication) {
    if (!application.documentKey) return null
    return drive.use().getBytes(application.documentKey)
  }
}
