import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { stores } from '@adonisjs/session'
import type { SessionStoreWithTaggingContract } from '@adonisjs/session/types'
import { RecentTouches, ThrottledTouchStore } from '#services/auth/session_touch_throttle'

/** The database session store, as config/session.ts makes it, behind the throttle. */
async function throttledDatabaseStore(now: () => number) {
  const factory = await stores.database({ tableName: 'sessions', gcProbability: 0 }).resolver(app)
  const inner = factory(null as any, { age: '2h' } as any) as SessionStoreWithTaggingContract
  return new ThrottledTouchStore(inner, new RecentTouches(60_000, now))
}

async function expiryOf(sessionId: string) {
  const row = await db.from('sessions').where('id', sessionId).select('expires_at').firstOrFail()
  return new Date(row.expires_at).getTime()
}

async function backdate(sessionId: string) {
  await db
    .from('sessions')
    .where('id', sessionId)
    .update({ expires_at: new Date(Date.now() + 1000) })
}

test.group('Session touches', (group) => {
  group.each.setup(async () => {
    await db.beginGlobalTransaction()
    return () => db.rollbackGlobalTransaction()
  })

  test('a session is pushed forward once a minute, not on every request', async ({ assert }) => {
    let clock = 0
    const store = await throttledDatabaseStore(() => clock)
    await store.write('touched-session', { visits: 1 })
    await backdate('touched-session')
    const backdated = await expiryOf('touched-session')

    await store.touch('touched-session')
    assert.equal(await expiryOf('touched-session'), backdated, 'written just now: no touch')

    clock += 61_000
    await store.touch('touched-session')
    const pushed = await expiryOf('touched-session')
    assert.isAbove(pushed, backdated + 60 * 60_000)

    await backdate('touched-session')
    clock += 30_000
    await store.touch('touched-session')
    assert.isBelow(await expiryOf('touched-session'), pushed, 'touched 30 s ago: no touch')
    assert.deepEqual(await store.read('touched-session'), { visits: 1 })
  })

  test('a destroyed session is gone, and a new one by that id is touched again', async ({
    assert,
  }) => {
    const clock = 0
    const store = await throttledDatabaseStore(() => clock)
    await store.write('ended-session', { visits: 1 })
    await store.destroy('ended-session')
    assert.isNull(await store.read('ended-session'))

    await db.table('sessions').insert({
      id: 'ended-session',
      data: '',
      expires_at: new Date(Date.now() + 1000),
    })
    const before = await expiryOf('ended-session')
    await store.touch('ended-session')
    assert.isAbove(await expiryOf('ended-session'), before)
  })
})
