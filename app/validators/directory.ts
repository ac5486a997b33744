import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { DIRECTORY_SORTS } from '#services/members/directory_query'
import {
  countryCode,
  professionalInfoFields,
  professionalInfoMessages,
} from '#validators/professional_info'

const messages = new SimpleMessagesProvider({
  'q.maxLength': 'Search for at most {{ max }} characters.',
  'type.number': 'Choose a membership type from the list.',
  'badge.number': 'Choose a badge from the list.',
  'country.country': 'Choose a country from the list.',
  'sort.in': 'Choose an order from the list.',
  'sort.enum': 'Choose an order from the list.',
})

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** The directory's query string; every part optional. Empty select boxes send "". */
export const directoryValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  type: vine.number().withoutDecimals().positive().parse(emptyToUndefined).optional(),
  badge: vine.number().withoutDecimals().positive().parse(emptyToUndefined).optional(),
  country: vine.string().trim().toUpperCase().use(countryCode()).parse(emptyToUndefined).optional(),
  sort: vine.enum(DIRECTORY_SORTS).parse(emptyToUndefined).optional(),
  after: vine.string().maxLength(600).optional(),
  before: vine.string().maxLength(600).optional(),
})
directoryValidator.messagesProvider = messages

/** A member's own professional information. */
export const professionalInfoValidator = vine.create(professionalInfoFields)
professionalInfoValidator.messagesProvider = new SimpleMessagesProvider(professionalInfoMessages)
