import { DateTime } from 'luxon'
import { association } from '#config/app'

/*
 * How times and sizes are written for people, the same in pages (Edge globals, start/view.ts)
 * and in mails.
 */

const MB = 1024 * 1024

/**
 * A stored UTC time in the reader's zone (or the association's).
 */
export function formatDateTime(value: DateTime | Date | null | undefined, zone?: string | null) {
  if (!value) return ''
  const dateTime = value instanceof Date ? DateTime.fromJSDate(value) : value
  return dateTime
    .setZone(zone || association.timezone)
    .toLocaleString(DateTime.DATETIME_MED, { locale: 'en-GB' })
}

export function formatBytes(bytes: number) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MB`
  return `${(bytes / 1024 / MB).toFixed(2)} GB`
}
