import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { DIRECTORY_SORTS } from '#services/members/directory_query'
import { isCountryCode } from '#services/members/directory_countries'

const messages = new SimpleMessagesProvider({
  'q.maxLength': 'Search for at most {{ max }} characters.',
  'type.number': 'Choose a membership type from the list.',
  'badge.number': 'Choose a badge from the list.',
  'country.country': 'Choose a country from the list.',
  'sort.in': 'Choose an order from the list.',
  'sort.enum': 'Choose an order from the list.',
  'institution.maxLength': 'At most {{ max }} characters.',
  'position.maxLength': 'At most {{ max }} characters.',
  'field.maxLength': 'At most {{ max }} characters.',
  'degrees.maxLength': 'At most {{ max }} characters.',
  'interests.maxLength': 'At most {{ max }} characters.',
  'website.url': 'Enter a full address starting with https://, like https://example.org.',
  'website.maxLength': 'At most {{ max }} characters.',
  'orcid.regex': 'Enter an ORCID iD like 0000-0002-1825-0097.',
})

const country = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !isCountryCode(value)) {
    field.report('Choose a country from the list.', 'country', field)
  }
})

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** The directory's query string; every part optional. Empty select boxes send "". */
export const directoryValidator = vine.create({
  q: vine.string().trim().maxLength(100).optional(),
  type: vine.number().withoutDecimals().positive().parse(emptyToUndefined).optional(),
  badge: vine.number().withoutDecimals().positive().parse(emptyToUndefined).optional(),
  country: vine.string().trim().toUpperCase().use(country()).parse(emptyToUndefined).optional(),
  sort: vine.enum(DIRECTORY_SORTS).parse(emptyToUndefined).optional(),
  after: vine.string().maxLength(600).optional(),
  before: vine.string().maxLength(600).optional(),
})
directoryValidator.messagesProvider = messages

/** A member's own professional information. */
export const professionalInfoValidator = vine.create({
  institution: vine.string().trim().maxLength(200).optional(),
  position: vine.string().trim().maxLength(120).optional(),
  field: vine.string().trim().maxLength(120).optional(),
  degrees: vine.string().trim().maxLength(200).optional(),
  website: vine
    .string()
    .trim()
    .maxLength(300)
    .url({ protocols: ['http', 'https'], require_protocol: true })
    .optional(),
  orcid: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/)
    .optional(),
  interests: vine.string().trim().maxLength(2000).optional(),
  country: vine.string().trim().toUpperCase().use(country()).optional(),
})
professionalInfoValidator.messagesProvider = messages
