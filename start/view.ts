/*
 * Template globals shared by every page and mail.
 */
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import { DateTime } from 'luxon'
import { association } from '#config/app'

/*
 * Edge lists every component file on disk before each render unless the instance was created
 * with its cache on; the shared instance only gets the cache setting after it is created, so in
 * production it would read the views folder on every request. Views do not change there.
 */
if (app.inProduction) {
  const listComponents = edge.loader.listComponents.bind(edge.loader)
  let components: ReturnType<typeof listComponents> | undefined
  edge.loader.listComponents = () => (components ??= listComponents())
}

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

/**
 * The validation messages of one form field: those of the failed submission (flashed before
 * the redirect back), or `inputErrors` shared (view.share) by a page rendered in the failing
 * request: form components see shared values, not the page's render data.
 */
edge.global(
  'inputError',
  function (
    this: {
      inputErrors?: Record<string, string[]>
      flashMessages?: { get(key: string, fallback: unknown): any }
    },
    name: string
  ): string[] | undefined {
    return this.inputErrors?.[name] ?? this.flashMessages?.get('inputErrorsBag', {})?.[name]
  }
)
