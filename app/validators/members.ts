import string from '@adonisjs/core/helpers/string'
import type { VineDbSearchCallback } from '@adonisjs/lucid/types/vine'
import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { MEMBERSHIP_STATUSES } from '#models/membership'
import { PROFILE_FIELD_KINDS, PROFILE_FIELD_VISIBILITIES } from '#models/profile_field'
import { EXPORT_COLUMNS } from '#services/members/export_columns'
import { professionalInfoFields, professionalInfoMessages } from '#validators/professional_info'

const messageTexts = {
  'required': 'Please fill in this field.',
  'membershipTypeId.required': 'Choose a membership type.',
  'membershipTypeId.number': 'Choose a membership type.',
  ...professionalInfoMessages,
  'country.country': 'Enter the two-letter code of a country, like FR or GB.',
  'motivation.minLength':
    'Tell the board in a few words (at least {{ min }} characters) why you want to join.',
  'consent.accepted': 'You need to accept the privacy policy to apply.',
  'document.file.size': 'The file can be at most {{ size }}.',
  'document.file.extname': 'Attach a PDF, PNG or JPEG file.',
  'status.enum': 'Choose a status from the list.',
  'reason.minLength': 'Give a reason of at least {{ min }} characters.',
  'columns.required': 'Choose at least one column.',
  'columns.minLength': 'Choose at least one column.',
  'columns.*.enum': 'Choose columns from the list.',
  'ids.minLength': 'Select at least one member.',
  'file.required': 'Choose a CSV file.',
  'file.file.extname': 'Choose a .csv file.',
  'file.file.size': 'The file can be at most {{ size }}.',
  'subject.maxLength': 'A subject can be at most {{ max }} characters long.',
  'body.maxLength': 'A message can be at most {{ max }} characters long.',
  'email': 'Enter a valid email address, like name@example.org.',
}
const messages = new SimpleMessagesProvider(messageTexts)

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

export const applicationValidator = vine.create({
  membershipTypeId: vine.number().withoutDecimals().positive(),
  ...professionalInfoFields,
  motivation: vine.string().trim().minLength(20).maxLength(5000),
  consent: vine.accepted(),
  document: vine.file({ size: '5mb', extnames: ['pdf', 'png', 'jpg', 'jpeg'] }).optional(),
})
applicationValidator.messagesProvider = messages

export const rejectionValidator = vine.create({
  reason: vine.string().trim().minLength(5).maxLength(2000),
})
rejectionValidator.messagesProvider = messages

export const statusChangeValidator = vine.create({
  status: vine.enum(MEMBERSHIP_STATUSES),
  reason: vine.string().trim().minLength(3).maxLength(1000),
})
statusChangeValidator.messagesProvider = messages

export const memberFiltersValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  status: vine.enum(MEMBERSHIP_STATUSES).optional(),
  type: vine.number().withoutDecimals().positive().optional(),
  badge: vine.number().withoutDecimals().positive().optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})
memberFiltersValidator.messagesProvider = messages

export const exportValidator = vine.create({
  columns: vine.array(vine.enum(EXPORT_COLUMNS)).minLength(1),
  status: vine.enum(MEMBERSHIP_STATUSES).optional(),
  type: vine.number().withoutDecimals().positive().optional(),
  badge: vine.number().withoutDecimals().positive().optional(),
  q: vine.string().trim().maxLength(100).optional(),
})
exportValidator.messagesProvider = messages

export const importUploadValidator = vine.create({
  file: vine.file({ size: '10mb', extnames: ['csv', 'txt'] }),
})
importUploadValidator.messagesProvider = messages

export const importConfirmValidator = vine.create({
  token: vine
    .string()
    .trim()
    .regex(/^[\w-]{20,64}$/),
})

const BULK_ACTIONS = ['status', 'badge', 'message'] as const

export const bulkValidator = vine.create({
  ids: vine.array(vine.number().withoutDecimals().positive()).minLength(1).maxLength(500),
  action: vine.enum(BULK_ACTIONS),
  status: vine.enum(MEMBERSHIP_STATUSES).optional().requiredWhen('action', '=', 'status'),
  reason: vine.string().trim().maxLength(1000).optional().requiredWhen('action', '=', 'status'),
  badgeId: vine
    .number()
    .withoutDecimals()
    .positive()
    .optional()
    .requiredWhen('action', '=', 'badge'),
  note: vine.string().trim().maxLength(500).optional(),
  subject: vine.string().trim().maxLength(150).optional().requiredWhen('action', '=', 'message'),
  body: vine.string().trim().maxLength(10_000).optional().requiredWhen('action', '=', 'message'),
  confirmed: vine.boolean().optional(),
})
bulkValidator.messagesProvider = messages

/**
 * A name no other row of `table` has, the edited one (meta `id`) aside. Slugs are unique too and
 * derived from names, so "Mentor!" is taken when "Mentor" exists.
 */
function freeName(table: string): VineDbSearchCallback<string> {
  return async (db, value, field) => {
    const slug = string.slug(value, { lower: true, strict: true })
    const clash = await db
      .from(table)
      .where((query) => query.where('name', value).orWhere('slug', slug))
      .if(field.meta.id, (query) => query.whereNot('id', field.meta.id))
      .first()
    return !clash
  }
}

/** Meta `id`: the badge being edited, null for a new one. */
export const badgeValidator = vine.withMetaData<{ id: number | null }>().create({
  name: vine.string().trim().minLength(2).maxLength(80).unique(freeName('badges')),
  description: optionalText(500),
  icon: vine.string().trim().minLength(1).maxLength(16),
})
badgeValidator.messagesProvider = new SimpleMessagesProvider({
  ...messageTexts,
  'name.database.unique': 'A badge already has this name.',
})

export const awardValidator = vine.create({
  badgeId: vine.number().withoutDecimals().positive(),
  note: optionalText(500),
})
awardValidator.messagesProvider = messages

/** Meta `id`: the type being edited, null for a new one. */
export const membershipTypeValidator = vine.withMetaData<{ id: number | null }>().create({
  name: vine.string().trim().minLength(2).maxLength(80).unique(freeName('membership_types')),
  description: optionalText(1000),
  fee: vine.number().min(0).max(1_000_000),
  currency: vine
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/),
  durationMonths: vine.number().withoutDecimals().min(1).max(600).optional(),
  graceDays: vine.number().withoutDecimals().min(0).max(365),
  requiresApproval: vine.boolean().optional(),
  seats: vine.number().withoutDecimals().min(0).max(500),
})
membershipTypeValidator.messagesProvider = new SimpleMessagesProvider({
  ...messageTexts,
  'name.database.unique': 'A membership type already has this name.',
  'currency.regex': 'Enter the three-letter code of a currency, like EUR.',
})

export const profileFieldValidator = vine.create({
  label: vine.string().trim().minLength(2).maxLength(120),
  kind: vine.enum(PROFILE_FIELD_KINDS),
  options: vine.string().trim().maxLength(2000).optional().requiredWhen('kind', '=', 'choice'),
  visibility: vine.enum(PROFILE_FIELD_VISIBILITIES),
  searchable: vine.boolean().optional(),
})
profileFieldValidator.messagesProvider = messages

/** Editing a field keeps its kind: values already saved were checked against it. */
export const profileFieldUpdateValidator = vine.create({
  label: vine.string().trim().minLength(2).maxLength(120),
  options: vine.string().trim().maxLength(2000).optional(),
  visibility: vine.enum(PROFILE_FIELD_VISIBILITIES),
  searchable: vine.boolean().optional(),
})
profileFieldUpdateValidator.messagesProvider = messages

export const seatInvitationValidator = vine.create({
  email: vine.string().trim().toLowerCase().email().maxLength(254),
})
seatInvitationValidator.messagesProvider = messages
