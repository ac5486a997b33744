import vine from '@vinejs/vine'
import { isCountryCode } from '#services/members/directory_countries'

/*
 * A member's professional information, as an applicant gives it and as the member edits it on
 * their profile: one set of rules, with the limits of the member_profiles columns it is stored
 * in (PostgreSQL refuses a longer value).
 */
export const PROFESSIONAL_LIMITS = {
  institution: 200,
  position: 120,
  field: 120,
  degrees: 200,
  website: 300,
  interests: 2000,
} as const

/** An ISO 3166-1 alpha-2 code, as member_profiles.country holds it. */
export const countryCode = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !isCountryCode(value)) {
    field.report('Choose a country from the list.', 'country', field)
  }
})

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

export const professionalInfoFields = {
  institution: optionalText(PROFESSIONAL_LIMITS.institution),
  position: optionalText(PROFESSIONAL_LIMITS.position),
  field: optionalText(PROFESSIONAL_LIMITS.field),
  degrees: optionalText(PROFESSIONAL_LIMITS.degrees),
  website: vine
    .string()
    .trim()
    .maxLength(PROFESSIONAL_LIMITS.website)
    .url({ protocols: ['http', 'https'], require_protocol: true })
    .optional(),
  orcid: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/)
    .optional(),
  interests: optionalText(PROFESSIONAL_LIMITS.interests),
  country: vine.string().trim().toUpperCase().use(countryCode()).optional(),
}

export const professionalInfoMessages = {
  'maxLength': 'This can be at most {{ max }} characters long.',
  'website.url': 'Enter a full address starting with https://, like https://example.org.',
  'orcid.regex': 'Enter an ORCID iD like 0000-0002-1825-0097.',
  'country.country': 'Choose a country from the list.',
}
