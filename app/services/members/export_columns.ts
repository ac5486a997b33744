/**
 * The columns a board member may choose for a members CSV, in the order they appear.
 * `private` columns carry contact details that a board member only sees when the member shows
 * their email in the directory; admins (who answer data requests) always see them.
 */
export const EXPORT_COLUMNS = [
  'member_number',
  'name',
  'email',
  'phone',
  'status',
  'type',
  'started_on',
  'expires_on',
  'institution',
  'position',
  'field',
  'country',
  'orcid',
  'website',
  'badges',
  'account_created',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

export const PRIVATE_COLUMNS: readonly ExportColumn[] = ['email', 'phone']

export const COLUMN_LABELS: Record<ExportColumn, string> = {
  member_number: 'Member number',
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  status: 'Status',
  type: 'Membership type',
  started_on: 'Member since',
  expires_on: 'Expires on',
  institution: 'Institution',
  position: 'Position',
  field: 'Field',
  country: 'Country',
  orcid: 'ORCID iD',
  website: 'Website',
  badges: 'Badges',
  account_created: 'Account created',
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as
 * a formula; a leading apostrophe makes them show it as text.
 */
export function neutraliseCell(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}
