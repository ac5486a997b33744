import type { ApiClient } from '@japa/api-client'
import { parse, type HTMLElement } from 'node-html-parser'
import type User from '#models/user'

/**
 * Reading one form of a rendered page apart from its neighbours, as a person sees it: the values
 * its fields show, the messages next to them, and the hidden fields a browser would send with it.
 */
export class PageForm {
  constructor(readonly element: HTMLElement) {}

  get action() {
    return this.element.getAttribute('action') ?? ''
  }

  #field(name: string) {
    return this.element.querySelector(`input[name="${name}"], textarea[name="${name}"]`)
  }

  /** What the field shows: an input's value, or a textarea's text. */
  value(name: string): string | undefined {
    const field = this.#field(name)
    if (!field) return undefined
    return field.tagName === 'TEXTAREA' ? field.text : field.getAttribute('value')
  }

  /** Whether the checkbox (or radio button) of that name shows ticked. */
  isChecked(name: string): boolean {
    return this.element
      .querySelectorAll(`input[name="${name}"]`)
      .some((input) => input.hasAttribute('checked'))
  }

  /** The messages shown next to this form's fields. */
  errors(): string[] {
    return this.element.querySelectorAll('.field-error').map((message) => message.text.trim())
  }

  /** The message next to one field, found by the field's `aria-describedby`. */
  errorOf(name: string): string | undefined {
    const ids = (this.#field(name)?.getAttribute('aria-describedby') ?? '').split(' ')
    for (const id of ids.filter(Boolean)) {
      const message = this.element.querySelector(`[id="${id}"].field-error`)
      if (message) return message.text.trim()
    }
    return undefined
  }

  /** The hidden fields a browser sends with the form, the CSRF token aside. */
  hiddenFields(): Record<string, string> {
    return Object.fromEntries(
      this.element
        .querySelectorAll('input[type="hidden"]')
        .filter((input) => input.getAttribute('name') !== '_csrf')
        .map((input) => [input.getAttribute('name')!, input.getAttribute('value') ?? ''])
    )
  }
}

/** Every form of the page, in order. */
export function formsOf(html: string): PageForm[] {
  return parse(html)
    .querySelectorAll('form')
    .map((form) => new PageForm(form))
}

/** The one form of the page that posts to `action` (as written in the page, query included). */
export function formOf(html: string, action: string): PageForm {
  const found = formsOf(html).filter((form) => form.action === action)
  if (found.length !== 1) {
    throw new Error(`Expected one form posting to ${action}, found ${found.length}`)
  }
  return found[0]
}

/**
 * Sends one form of a page as a browser would (its hidden fields included, then what was typed),
 * expects it to be refused and sent back to the page, and returns the page shown then: with the
 * input and messages the refusal flashed.
 */
export async function refusedAndShownAgain(
  client: ApiClient,
  options: {
    user: User
    page: string
    action: string
    typed: Record<string, string>
    headers?: Record<string, string>
  }
) {
  const { user, page, action, typed, headers = {} } = options
  const before = await client.get(page).loginAs(user)
  before.assertStatus(200)
  const response = await client
    .post(action)
    .headers({ ...headers, referer: page })
    .form({ ...formOf(before.text(), action).hiddenFields(), ...typed })
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
  response.assertStatus(302)
  response.assertHeader('location', page)
  const after = await client.get(page).loginAs(user).withFlashMessages(response.flashMessages())
  after.assertStatus(200)
  return after.text()
}
