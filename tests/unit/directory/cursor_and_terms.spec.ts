import { test } from '@japa/runner'
import { decodeCursor, encodeCursor } from '#services/members/directory_cursor'
import { postgresTsquery, searchTerms, sqliteMatch } from '#services/members/directory_search'

test.group('Directory / keyset cursor', () => {
  test('a cursor survives the round trip', ({ assert }) => {
    const cursor = { key: 'ada lovelace', id: 42 }
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor)
  })

  test('anything else decodes to no cursor', ({ assert }) => {
    for (const value of [
      '',
      'not base64 !!',
      Buffer.from('{"key":1}').toString('base64url'),
      Buffer.from('["a", -1]').toString('base64url'),
      Buffer.from('["a", 1.5]').toString('base64url'),
      Buffer.from(`["${'x'.repeat(400)}", 1]`).toString('base64url'),
    ]) {
      assert.isNull(decodeCursor(value), value)
    }
  })
})

test.group('Directory / search terms', () => {
  test('only letters and digits reach the query syntax', ({ assert }) => {
    assert.deepEqual(searchTerms('  Ada  LOV* "OR" (x) - NEAR '), ['ada', 'lov', 'or', 'x', 'near'])
    assert.deepEqual(searchTerms('Zürich 2024'), ['zürich', '2024'])
    assert.deepEqual(searchTerms('"*:&|!'), [])
  })

  test('every word is a prefix and all must match', ({ assert }) => {
    assert.equal(sqliteMatch(['ada', 'lov']), '"ada"* "lov"*')
    assert.equal(postgresTsquery(['ada', 'lov']), 'ada:* & lov:*')
  })

  test('at most eight words are used', ({ assert }) => {
    assert.lengthOf(searchTerms('a b c d e f g h i j'), 8)
  })
})
