/*
 * Template globals shared by every page and mail.
 */
import edge from 'edge.js'
import { DateTime } from 'luxon'
import { association } from '#config/app'

edge.global('association', association)

/**
 * Formats a stored UTC time in the viewer's zone (or the association's).
 */
edge.global('formatDateTime', (value: DateTime | Date | null | undefined, zone?: string | null) => {
  if (!value) return ''
  const dateTime = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dateTime
    .setZone(zone || association.timezone)
    .toLocaleString(DateTime.DATETIME_MED, { locale: 'en-GB' })
})
