/*
 * Template globals shared by every page and mail.
 */
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import { association } from '#config/app'
import { formatBytes, formatDateTime } from '#services/formatting/display'

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

edge.global('formatDateTime', formatDateTime)
edge.global('formatBytes', formatBytes)

/**
 * The name of the form whose refused submission the page shows again, from the hidden `_form`
 * field that forms sharing a page with others carry (components/form/form.edge): read from the
 * request when the page is rendered by the failing request (it shares `inputErrors`), from the
 * input flashed before the redirect back otherwise. Undefined when the form had no name, as
 * every form alone on its page, so those keep showing the kept input and messages unchanged.
 */
edge.global(
  'sentForm',
  function (this: {
    request?: { input(key: string): unknown }
    inputErrors?: Record<string, string[]>
    flashMessages?: { get(key: string): unknown }
  }): string | undefined {
    const name = this.inputErrors ? this.request?.input('_form') : this.flashMessages?.get('_form')
    return typeof name === 'string' && name !== '' ? name : undefined
  }
)

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
