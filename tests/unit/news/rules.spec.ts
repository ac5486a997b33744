import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Post, { visibilitiesFor } from '#models/post'
import User from '#models/user'
import PostPolicy from '#policies/post_policy'
import PostService from '#services/news/post_service'
import NotificationService from '#services/news/notification_service'

function user(attributes: Partial<User>) {
  const instance = new User()
  instance.merge({
    role: 'member',
    status: 'active',
    emailVerifiedAt: DateTime.utc(),
    canAuthor: false,
    ...attributes,
  })
  return instance
}

function post(attributes: Partial<Post>) {
  const instance = new Post()
  instance.merge({
    status: 'published',
    visibility: 'public',
    publishedAt: DateTime.utc().minus({ minutes: 1 }),
    ...attributes,
  })
  return instance
}

test.group('News / rules', () => {
  test('who reads which visibility level', ({ assert }) => {
    assert.deepEqual(visibilitiesFor(null), ['public'])
    assert.deepEqual(visibilitiesFor(user({ role: 'user' })), ['public'])
    assert.deepEqual(visibilitiesFor(user({ emailVerifiedAt: null })), ['public'])
    assert.deepEqual(visibilitiesFor(user({ status: 'suspended' })), ['public'])
    assert.deepEqual(visibilitiesFor(user({})), ['public', 'members'])
    assert.deepEqual(visibilitiesFor(user({ role: 'board' })), ['public', 'members', 'board'])
  })

  test('a scheduled post is neither live nor visible before its time', ({ assert }) => {
    const policy = new PostPolicy()
    const scheduled = post({ publishedAt: DateTime.utc().plus({ minutes: 5 }) })
    assert.isTrue(scheduled.isScheduled)
    assert.isFalse(scheduled.isLive)
    assert.isFalse(policy.view(null, scheduled))
    assert.isFalse(policy.view(user({}), scheduled))
    assert.isTrue(policy.view(user({ role: 'board' }), scheduled))
  })

  test('authors write; only the board reviews; admins manage authors', ({ assert }) => {
    const policy = new PostPolicy()
    assert.isFalse(policy.write(user({})))
    assert.isTrue(policy.write(user({ canAuthor: true })))
    assert.isFalse(
      policy.write(user({ role: 'user', canAuthor: true })),
      'non-members cannot write'
    )
    assert.isFalse(policy.write(user({ canAuthor: true, status: 'suspended' })))
    assert.isTrue(policy.write(user({ role: 'board' })))
    assert.isFalse(policy.review(user({ canAuthor: true })))
    assert.isTrue(policy.review(user({ role: 'board' })))
    assert.isFalse(policy.manageAuthors(user({ role: 'board' })))
    assert.isTrue(policy.manageAuthors(user({ role: 'admin' })))
  })

  test('tags are trimmed, de-duplicated by slug and capped at ten', ({ assert }) => {
    assert.deepEqual(PostService.parseTags(' Walks, walks ,,Café life '), [
      { slug: 'walks', name: 'Walks' },
      { slug: 'cafe-life', name: 'Café life' },
    ])
    assert.lengthOf(
      PostService.parseTags(Array.from({ length: 15 }, (_, i) => `t${i}`).join(',')),
      10
    )
  })

  test('unsubscribe tokens are signed and bound to their purpose', ({ assert }) => {
    const token = NotificationService.unsubscribeToken(42, 7)
    assert.deepEqual(NotificationService.readToken(token), { userId: 42, scope: 7 })
    assert.deepEqual(
      NotificationService.readToken(NotificationService.unsubscribeToken(42, 'digest')),
      { userId: 42, scope: 'digest' }
    )
    assert.isNull(NotificationService.readToken(`${token.slice(0, -2)}xx`))
    assert.isNull(NotificationService.readToken('garbage'))
  })
})
