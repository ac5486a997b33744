import { test } from '@japa/runner'
import edge from 'edge.js'
import { ReadOnlyValuesStore } from '@adonisjs/session'
import type { SessionData } from '@adonisjs/session/types'
import { formOf } from '#tests/helpers/forms'

/**
 * A page with an unnamed form and two named ones, all with a `name` field, rendered with what a
 * refused submission leaves: flashed for the next page, or shared by a page rendered in the
 * failing request (`inputErrors`, with that request's input).
 */
const PAGE = `
<form action="/alone">
  @!component('components/form/field', { name: 'name', label: 'Name', value: 'Saved alone' })
</form>
@component('components/form/form', { name: 'item-1', action: '/items/1' })
  @!component('components/form/field', { id: 'item-1-name', name: 'name', label: 'Name', value: 'Saved one' })
@end
@component('components/form/form', { name: 'item-new', action: '/items' })
  @!component('components/form/field', { name: 'name', label: 'Name' })
@end
`

function render(
  flashed: SessionData,
  failingRequest?: { input: Record<string, string>; errors: Record<string, string[]> }
) {
  return edge
    .createRenderer()
    .share({
      flashMessages: new ReadOnlyValuesStore(flashed),
      old(this: { flashMessages: ReadOnlyValuesStore }, key: string, fallback?: unknown) {
        return this.flashMessages.get(key, fallback)
      },
      csrfField: () => '',
      request: { input: (key: string) => failingRequest?.input[key] },
      inputErrors: failingRequest?.errors,
    })
    .renderRaw(PAGE)
}

const refused = { inputErrorsBag: { name: ['Please fill in this field.'] } }

test.group('Form components / which form shows a refused submission', () => {
  test('with no form name sent, the unnamed form shows it, as before named forms existed', async ({
    assert,
  }) => {
    const html = await render({ ...refused, name: 'Typed' })
    assert.equal(formOf(html, '/alone').value('name'), 'Typed')
    assert.equal(formOf(html, '/alone').errorOf('name'), 'Please fill in this field.')
    assert.equal(formOf(html, '/items/1').value('name'), 'Saved one')
    assert.deepEqual(formOf(html, '/items/1').errors(), [])
    assert.isUndefined(formOf(html, '/items').value('name'))
  })

  test('a named form sent back shows it alone; the others show what is saved', async ({
    assert,
  }) => {
    const html = await render({ ...refused, _form: 'item-new', name: 'Typed' })
    assert.equal(formOf(html, '/items').value('name'), 'Typed')
    assert.equal(formOf(html, '/items').errorOf('name'), 'Please fill in this field.')
    assert.deepEqual(formOf(html, '/items').hiddenFields(), { _form: 'item-new' })
    for (const [action, saved] of [
      ['/alone', 'Saved alone'],
      ['/items/1', 'Saved one'],
    ]) {
      assert.equal(formOf(html, action).value('name'), saved)
      assert.deepEqual(formOf(html, action).errors(), [])
    }
  })

  test('a page rendered by the failing request goes by that request’s form name', async ({
    assert,
  }) => {
    const html = await render(
      {},
      { input: { _form: 'item-1' }, errors: { name: ['Please fill in this field.'] } }
    )
    assert.equal(formOf(html, '/items/1').errorOf('name'), 'Please fill in this field.')
    assert.deepEqual(formOf(html, '/alone').errors(), [])
    assert.deepEqual(formOf(html, '/items').errors(), [])
  })
})

test.group('Form components / numbers', () => {
  test('a value or a minimum of 0 is written, not left out as falsy', async ({ assert }) => {
    const html = await edge
      .createRenderer()
      .share({
        flashMessages: new ReadOnlyValuesStore({}),
        old: (_key: string, fallback?: unknown) => fallback,
        request: { input: () => undefined },
      })
      .renderRaw(
        `@!component('components/form/field', { name: 'position', label: 'Order', type: 'number', value: 0, min: 0, max: 1000 })`
      )
    assert.match(html, /<input[^>]* value="0"/)
    assert.match(html, /<input[^>]* min="0"/)
    assert.match(html, /<input[^>]* max="1000"/)
  })
})
