import type { HttpContext } from '@adonisjs/core/http'
import string from '@adonisjs/core/helpers/string'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import ProfileField, {
  type ProfileFieldKind,
  type ProfileFieldVisibility,
} from '#models/profile_field'
import ProfileFieldValue from '#models/profile_field_value'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'

/** The options of a choice field: one per line (or comma separated), at most 100. */
function parseOptions(input: string | null | undefined) {
  return (input ?? '')
    .split(/\r?\n|,/)
    .map((option) => option.trim())
    .filter(Boolean)
    .slice(0, 100)
}

export interface FieldView {
  field: ProfileField
  value: string
}

/**
 * Custom profile fields: their definitions (admins), a member's values (checked against the
 * field's kind), and what a viewer may read of another member's values.
 */
export default class ProfileFieldService {
  static async create(
    input: {
      label: string
      kind: ProfileFieldKind
      options?: string
      visibility: ProfileFieldVisibility
      searchable?: boolean
    },
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const base =
      string.slug(input.label, { lower: true, strict: true, replacement: '_' }) || 'field'
    let key = base
    for (let suffix = 2; await ProfileField.findBy('key', key); suffix++) key = `${base}_${suffix}`
    const options = input.kind === 'choice' ? parseOptions(input.options) : null
    const position = await db.from('profile_fields').max('position as max').first()
    const field = await ProfileField.create({
      key,
      label: input.label,
      kind: input.kind,
      options,
      visibility: input.visibility,
      searchable: Boolean(input.searchable),
      position: Number(position?.max ?? 0) + 1,
    })
    await AuditLogService.record(
      { action: 'profile_field.saved', actor, meta: { fieldId: field.id, key } },
      ctx
    )
    return field
  }

  /**
   * Changes a field's label, options, visibility or searchability (its kind stays, since saved
   * values were checked against it). Returns errors by input name, or null once saved.
   */
  static async update(
    field: ProfileField,
    input: {
      label: string
      options?: string
      visibility: ProfileFieldVisibility
      searchable?: boolean
    },
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ): Promise<Record<string, string[]> | null> {
    const options = field.kind === 'choice' ? parseOptions(input.options) : null
    if (options && options.length === 0) return { options: ['List at least one option.'] }
    const before = {
      label: field.label,
      visibility: field.visibility,
      searchable: field.searchable,
    }
    field.merge({
      label: input.label,
      options,
      visibility: input.visibility,
      searchable: Boolean(input.searchable),
    })
    await field.save()
    await AuditLogService.record(
      {
        action: 'profile_field.saved',
        actor,
        meta: {
          fieldId: field.id,
          key: field.key,
          before,
          after: { label: field.label, visibility: field.visibility, searchable: field.searchable },
        },
      },
      ctx
    )
    return null
  }

  static async destroy(field: ProfileField, actor: User, ctx?: Pick<HttpContext, 'request'>) {
    await field.delete()
    await AuditLogService.record(
      { action: 'profile_field.deleted', actor, meta: { fieldId: field.id, key: field.key } },
      ctx
    )
  }

  /** The field's value made canonical, or an error message for the member. */
  static check(field: ProfileField, raw: string): { value: string } | { error: string } {
    const value = raw.trim()
    if (value.length > 500) return { error: 'At most 500 characters.' }
    if (field.kind === 'choice' && !(field.options ?? []).includes(value)) {
      return { error: 'Choose one of the options.' }
    }
    if (field.kind === 'url') {
      try {
        const url = new URL(value)
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol')
      } catch {
        return { error: 'Enter a full web address, like https://example.org.' }
      }
    }
    if (field.kind === 'date' && !DateTime.fromISO(value).isValid) {
      return { error: 'Enter a date like 2026-05-01.' }
    }
    return { value }
  }

  /** Saves the member's values; blank ones are removed. Returns errors by field key. */
  static async saveValues(user: User, input: Record<string, unknown>) {
    const fields = await ProfileField.query().orderBy('position')
    const errors: Record<string, string[]> = {}
    const writes: { field: ProfileField; value: string | null }[] = []
    for (const field of fields) {
      const raw = input[field.key]
      if (raw === undefined || raw === null || String(raw).trim() === '') {
        writes.push({ field, value: null })
        continue
      }
      const checked = this.check(field, String(raw))
      if ('error' in checked) errors[`fields.${field.key}`] = [checked.error]
      else writes.push({ field, value: checked.value })
    }
    if (Object.keys(errors).length > 0) return errors

    await db.transaction(async (trx) => {
      for (const { field, value } of writes) {
        if (value === null) {
          await ProfileFieldValue.query({ client: trx })
            .where('user_id', user.id)
            .where('profile_field_id', field.id)
            .delete()
        } else {
          await ProfileFieldValue.updateOrCreate(
            { userId: user.id, profileFieldId: field.id },
            { value },
            { client: trx }
          )
        }
      }
    })
    return null
  }

  /**
   * The values of `member` that `viewer` may read, in the fields' order (for the profile page):
   * by each field's visibility, and all of them for the member themself. Two queries whatever
   * the number of fields.
   */
  static async visibleValues(member: User, viewer: User | null | undefined): Promise<FieldView[]> {
    const values = await ProfileFieldValue.query()
      .where('user_id', member.id)
      .if(viewer?.id !== member.id, (query) =>
        query.whereHas('field', (field) => field.withScopes((scopes) => scopes.visibleTo(viewer)))
      )
      .preload('field')
    return values
      .map((value) => ({ field: value.field, value: value.value }))
      .sort((a, b) => a.field.position - b.field.position || a.field.id - b.field.id)
  }
}
