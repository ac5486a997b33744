import vine from '@vinejs/vine'
import { ACCOUNT_STATUSES, ROLES } from '#models/user'
import { AUDIT_ACTIONS } from '#services/audit/audit_log_service'
import { email, newPassword } from '#validators/auth'

const page = () => vine.number().withoutDecimals().min(1).max(100_000).optional()

/**
 * The users list's query string: search, filters and page. Bad values answer 422, they are
 * never passed to the database.
 */
export const userFiltersValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  role: vine.enum(ROLES).optional(),
  status: vine.enum(ACCOUNT_STATUSES).optional(),
  page: page(),
})

export const roleValidator = vine.create({
  role: vine.enum(ROLES),
})

export const statusValidator = vine.create({
  status: vine.enum(ACCOUNT_STATUSES),
  reason: vine.string().trim().maxLength(500).optional(),
})

export const auditFiltersValidator = vine.create({
  action: vine.enum(AUDIT_ACTIONS).optional(),
  actor: vine.string().trim().maxLength(254).optional(),
  subject: vine.string().trim().maxLength(254).optional(),
  from: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  to: vine
    .date({ formats: ['YYYY-MM-DD'] })
    .afterOrSameAs('from')
    .optional(),
  page: page(),
})

export const pageValidator = vine.create({
  page: page(),
})

/**
 * An account created by an operator (`node ace users:create`): same email and password rules
 * as registration.
 */
export const createAccountValidator = vine.create({
  email: email().unique({ table: 'users', column: 'email' }),
  fullName: vine.string().trim().minLength(1).maxLength(120),
  password: newPassword(),
  role: vine.enum(ROLES),
})
