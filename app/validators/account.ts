import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { PROFILE_VISIBILITIES } from '#models/user'
import { email, newPassword } from '#validators/auth'

/**
 * The zones a member can pick: the IANA zones the runtime knows, plus UTC itself.
 */
export const TIME_ZONES = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
]

export const DELETE_CONFIRMATION = 'DELETE'

const messages = new SimpleMessagesProvider({
  'required': 'Please fill in this field.',
  'email': 'Enter a valid email address, like name@example.org.',
  'displayName.maxLength': 'Your display name can be at most {{ max }} characters long.',
  'bio.maxLength': 'Your bio can be at most {{ max }} characters long.',
  'phone.maxLength': 'A phone number can be at most {{ max }} characters long.',
  'phone.regex': 'Enter a phone number with digits, spaces and an optional leading +.',
  'profileVisibility.enum': 'Choose who can see your profile.',
  'timezone.in': 'Choose a time zone from the list.',
  'newPassword.minLength':
    'Use at least {{ min }} characters. A few unrelated words make a strong, memorable password.',
  'newPassword.maxLength': 'Use at most {{ max }} characters.',
  'newPasswordConfirmation.confirmed': 'The two new passwords do not match.',
  'confirmation.in': `Type ${DELETE_CONFIRMATION} to confirm.`,
})

export const profileValidator = vine.create({
  displayName: vine.string().trim().maxLength(80).optional(),
  bio: vine.string().trim().maxLength(2000).optional(),
  phone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^\+?[0-9][0-9 ()./-]{3,}$/)
    .optional(),
  profileVisibility: vine.enum(PROFILE_VISIBILITIES),
  showEmail: vine.boolean().optional(),
  timezone: vine.string().trim().in(TIME_ZONES).optional(),
})
profileValidator.messagesProvider = messages

export const emailChangeValidator = vine.create({
  email: email(),
  currentPassword: vine.string().maxLength(1024),
})
emailChangeValidator.messagesProvider = messages

// The new password follows the registration rules (app/validators/auth.ts).
export const passwordChangeValidator = vine.create({
  currentPassword: vine.string().maxLength(1024),
  newPassword: newPassword().confirmed({ as: 'newPasswordConfirmation' }),
})
passwordChangeValidator.messagesProvider = messages

export const accountDeletionValidator = vine.create({
  currentPassword: vine.string().maxLength(1024),
  confirmation: vine.string().trim().in([DELETE_CONFIRMATION]),
})
accountDeletionValidator.messagesProvider = messages
