import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { EVENT_ELIGIBILITIES, EVENT_VISIBILITIES } from '#models/event'

const localDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

const messages = new SimpleMessagesProvider({
  'required': 'Please fill in this field.',
  'title.maxLength': 'A title can be at most {{ max }} characters long.',
  'startsAt.regex': 'Enter a date and time, like 2026-05-01T19:00.',
  'endsAt.regex': 'Enter a date and time, like 2026-05-01T21:00.',
  'registrationDeadline.regex': 'Enter a date and time, like 2026-04-30T12:00.',
  'timezone.timezone': 'Choose a time zone from the list, like Europe/Amsterdam.',
  'onlineUrl.url': 'Enter a full web address starting with https://.',
  'capacity.min': 'Capacity must be at least 1 (leave it empty for unlimited).',
  'capacity.max': 'Capacity can be at most {{ max }}.',
  'maxGuests.max': 'At most {{ max }} guests per registration.',
  'visibility.enum': 'Choose who can see the event.',
  'eligibility.enum': 'Choose who can register.',
  'status.enum': 'Choose draft or published.',
  'repeat.enum': 'Choose how the event repeats.',
  'repeatCount.max': 'A series can have at most {{ max }} occurrences.',
  'repeatUntil.regex': 'Enter a date, like 2026-12-31.',
  'message.minLength': 'Tell the attendees why the event is cancelled.',
  'guests.max': 'Too many guests.',
  'number': 'Enter a number.',
})

const validTimezone = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
  } catch {
    field.report('Choose a time zone from the list, like Europe/Amsterdam.', 'timezone', field)
  }
})

export const eventValidator = vine.create({
  title: vine.string().trim().minLength(1).maxLength(200),
  description: vine.string().trim().maxLength(50_000).optional(),
  category: vine.string().trim().maxLength(60).optional(),
  startsAt: vine.string().trim().regex(localDateTime),
  endsAt: vine.string().trim().regex(localDateTime),
  timezone: vine.string().trim().maxLength(64).use(validTimezone()),
  locationAddress: vine.string().trim().maxLength(300).optional(),
  onlineUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ protocols: ['https', 'http'], require_protocol: true })
    .optional(),
  visibility: vine.enum(EVENT_VISIBILITIES),
  eligibility: vine.enum(EVENT_ELIGIBILITIES),
  status: vine.enum(['draft', 'published'] as const),
  capacity: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  maxGuests: vine.number().withoutDecimals().min(0).max(20).optional(),
  registrationDeadline: vine.string().trim().regex(localDateTime).optional(),
  reminderHours: vine
    .number()
    .min(0)
    .max(24 * 14)
    .optional(),
  organiserContact: vine.string().trim().maxLength(200).optional(),
  questions: vine.string().trim().maxLength(2000).optional(),
  repeat: vine.enum(['none', 'weekly', 'monthly'] as const).optional(),
  repeatCount: vine.number().withoutDecimals().min(2).max(52).optional(),
  repeatUntil: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  scope: vine.enum(['one', 'series'] as const).optional(),
})
eventValidator.messagesProvider = messages

export const cancelEventValidator = vine.create({
  message: vine.string().trim().minLength(3).maxLength(2000),
})
cancelEventValidator.messagesProvider = messages

export const registrationValidator = vine.create({
  guests: vine.number().withoutDecimals().min(0).max(20).optional(),
  answers: vine.record(vine.string().trim().maxLength(500).optional()).optional(),
})
registrationValidator.messagesProvider = messages

export const eventListValidator = vine.create({
  when: vine.enum(['upcoming', 'past'] as const).optional(),
  category: vine.string().trim().maxLength(60).optional(),
  page: vine.number().withoutDecimals().min(1).max(10_000).optional(),
})

export const calendarValidator = vine.create({
  month: vine
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
})

export const checkInValidator = vine.create({
  code: vine.string().trim().toUpperCase().maxLength(32).optional(),
  registrationId: vine.number().withoutDecimals().optional(),
})

export const feedTokenValidator = vine.create({
  includeMembersEvents: vine.boolean().optional(),
})
