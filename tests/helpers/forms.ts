import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'

/**
 * Reading one form of a rendered page apart from its neighbours, as a person sees it: the values
 * its fields show, the messages next to them, and the hidden fields a browser would send with it.
 */

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
}

function decode(text: string) {
  return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity])
}

function attributesOf(tag: string) {
  const attributes: Record<string, string> = {}
  for (const [, name, value] of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
    attributes[name] = decode(value ?? '')
  }
  return attributes
}

export class PageForm {
  constructor(
    readonly action: string,
    readonly html: string
  ) {}

  #inputs() {
    return [...this.html.matchAll(/<input\b[^>]*>/g)].map((match) => attributesOf(match[0]))
  }

  /** What the field shows: an input's value, or a textarea's text. */
  value(name: string): string | undefined {
    const input = this.#inputs().find((attributes) => attributes.name === name)
    if (input) return input.value
    const area = this.html.match(
      new RegExp(`<textarea\\b[^>]*name="${name}"[^>]*>([^<]*)</textarea>`)
    )
    return area ? decode(area[1]) : undefined
  }

  /** Whether the checkbox (or radio button) of that name shows ticked. */
  isChecked(name: string): boolean {
    return this.#inputs().some((attributes) => attributes.name === name && 'checked' in attributes)
  }

  /** The messages shown next to this form's fields. */
  errors(): string[] {
    return [...this.html.matchAll(/class="field-error"[^>]*>([^<]*)</g)].map((match) =>
      decode(match[1]).trim()
    )
  }

  /** The message next to one field, found by the field's `aria-describedby`. */
  errorOf(name: string): string | undefined {
    const field = this.#inputs().find((attributes) => attributes.name === name)
    const ids = (field?.['aria-describedby'] ?? '').split(' ').filter(Boolean)
    for (const id of ids) {
      const message = this.html.match(new RegExp(`id="${id}" class="field-error">([^<]*)<`))
      if (message) return decode(message[1]).trim()
    }
    return undefined
  }

  /** The hidden fields a browser sends with the form, the CSRF token aside. */
  hiddenFields(): Record<string, string> {
    return Object.fromEntries(
      this.#inputs()
        .filter((attributes) => attributes.type === 'hidden' && attributes.name !== '_csrf')
        .map((attributes) => [attributes.name, attributes.value ?? ''])
    )
  }
}

/** Every form of the page, in order. Forms never nest, so the first closing tag ends each. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((match) => {
    const opening = match[0].slice(0, match[0].indexOf('>') + 1)
    return new PageForm(attributesOf(opening).action ?? '', match[0])
  })
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
