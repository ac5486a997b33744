import type { HttpContext } from '@adonisjs/core/http'
import string from '@adonisjs/core/helpers/string'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import ProfileField, {
  fieldVisibilitiesFor,
  type ProfileFieldKind,
  type ProfileFieldVisibility,
} from '#models/profile_field'
import ProfileFieldValue from '#models/profile_field_value'
import type User from '#models/user'
import AuditLogService from '#services/audit/audit_log_service'

export interface FieldView {
  field: ProfileField
  value: string | null
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
    const options =
      input.kind === 'choice'
        ? (input.options ?? '')
            .split(/\r?\n|,/)
            .map((option) => option.trim())
            .filter(Boolean)
            .slice(0, 100)
        : null
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

  /** The fields of `member` that `viewer` may read, with their values (for the profile page). */
  static async visibleValues(member: User, viewer: User | null | undefined): Promise<FieldView[]> {
    const fields = await ProfileField.query()
      .whereIn('visibility', fieldVisibilitiesFor(viewer))
      .orderBy('position')
    if (fields.length === 0) return []
    const values = await ProfileFieldValue.query()
      .where('user_id', member.id)
      .whereIn(
        'profile_field_id',
        fields.map((field) => field.id)
      )
    const byField = new Map(values.map((value) => [value.profileFieldId, value.value]))
    return fields
      .map((field) => ({ field, value: byField.get(field.id) ?? null }))
      .filter((item) => item.value !== null)
  }
}
