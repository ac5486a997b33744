/**
 * ISO 3166-1 alpha-2 codes (officially assigned), the values `member_profiles.country` accepts.
 * Names come from `Intl.DisplayNames`, so they follow the runtime's CLDR data.
 */
const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR ' +
  'BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ ' +
  'EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW ' +
  'GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY ' +
  'KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV ' +
  'MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
  'QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG ' +
  'TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ')

const COUNTRY_SET = new Set(COUNTRY_CODES)
const displayNames = new Intl.DisplayNames(['en'], { type: 'region' })
// Looked up once: Intl.DisplayNames is slow enough to show in a profile of the directory page.
const NAMES = new Map(COUNTRY_CODES.map((code) => [code, displayNames.of(code) ?? code]))

export function isCountryCode(value: string) {
  return COUNTRY_SET.has(value)
}

export function countryName(code: string | null | undefined) {
  if (!code) return null
  return NAMES.get(code) ?? code
}

/** Codes with their English names, sorted by name, for select boxes. */
export const COUNTRY_OPTIONS = COUNTRY_CODES.map((code) => ({ code, name: NAMES.get(code)! })).sort(
  (a, b) => a.name.localeCompare(b.name)
)

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

const optionsHtml = new Map<string, string>()

/**
 * The <option> elements of a country select box, with `selected` on one of them. Built once
 * per selected code: rendering 249 options through the template on every directory request
 * costs more than the query does.
 */
export function countryOptionsHtml(selected: string | null | undefined) {
  const key = selected && COUNTRY_SET.has(selected) ? selected : ''
  let html = optionsHtml.get(key)
  if (html === undefined) {
    html = COUNTRY_OPTIONS.map(
      ({ code, name }) =>
        `<option value="${code}"${code === key ? ' selected' : ''}>${escapeHtml(name)}</option>`
    ).join('')
    optionsHtml.set(key, html)
  }
  return html
}
