import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { isCommonPassword } from '#services/auth/common_passwords'

/*
 * Passwords follow NIST SP 800-63B and OWASP ASVS 5.0 (6.2): a minimum length, long passphrases
 * accepted exactly as typed (never trimmed or truncated), no composition rules, and a refusal of
 * passwords found in a list of commonly used ones.
 */
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

export const email = () => vine.string().trim().email().maxLength(254).toLowerCase()

const notCommon = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && isCommonPassword(value)) {
    field.report(
      'This password appears in lists of commonly used passwords. Choose something less predictable.',
      'notCommon',
      field
    )
  }
})

export const newPassword = () =>
  vine.string().minLength(PASSWORD_MIN_LENGTH).maxLength(PASSWORD_MAX_LENGTH).use(notCommon())

const messages = new SimpleMessagesProvider({
  'required': 'Please fill in this field.',
  'email': 'Enter a valid email address, like name@example.org.',
  'fullName.minLength': 'Please fill in your name.',
  'fullName.maxLength': 'Your name can be at most {{ max }} characters long.',
  'password.minLength': `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`,
  'password.maxLength': `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
})

export const registerValidator = vine.create({
  fullName: vine.string().trim().minLength(1).maxLength(120),
  email: email(),
  password: newPassword(),
  // Spam guards (app/services/auth/signup_guard.ts): a field people never see, and when the form was shown.
  website: vine.string().optional(),
  formToken: vine.string().optional(),
})
registerValidator.messagesProvider = messages

export const loginValidator = vine.create({
  email: email(),
  password: vine.string().maxLength(1024),
  remember: vine.boolean().optional(),
})
loginValidator.messagesProvider = messages

export const forgotPasswordValidator = vine.create({
  email: email(),
})
forgotPasswordValidator.messagesProvider = messages

export const resetPasswordValidator = vine.create({
  password: newPassword(),
})
resetPasswordValidator.messagesProvider = messages
