import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import hash from '@adonisjs/core/services/hash'
import { UserFactory } from '#database/factories/user_factory'
import { isolateDatabase } from '#tests/helpers/database'
import AuditLog from '#models/audit_log'
import User from '#models/user'
import UsersCreate from '../../../commands/users_create.js'
import UsersRole from '../../../commands/users_role.js'

test.group('Commands / users:create', (group) => {
  isolateDatabase(group)
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('creates a verified admin who can sign in, audited as done from the command line', async ({
    assert,
    client,
  }) => {
    const command = await ace.create(UsersCreate, [
      '--email=First.Admin@Guild.example',
      '--name=First Admin',
      '--role=admin',
      '--password=a long and unusual passphrase',
    ])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(/Created first\.admin@guild\.example \(admin\)/)

    const user = await User.findByOrFail('email', 'first.admin@guild.example')
    assert.equal(user.role, 'admin')
    assert.isTrue(user.isVerified)
    assert.isTrue(await hash.verify(user.password, 'a long and unusual passphrase'))

    const entry = await AuditLog.query()
      .where('action', 'account.created')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.isNull(entry.actorId)
    assert.include(JSON.parse(entry.meta!), { source: 'cli', role: 'admin' })

    const login = await client
      .post('/login')
      .form({ email: 'first.admin@guild.example', password: 'a long and unusual passphrase' })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/dashboard')
  })

  test('asks for the password, hidden, when it is not given', async ({ assert }) => {
    const command = await ace.create(UsersCreate, [
      '--email=board@guild.example',
      '--name=Board Member',
      '--role=board',
    ])
    command.prompt
      .trap('Password for the new account')
      .replyWith('seven words make a fine password')
    await command.exec()
    command.assertSucceeded()
    const user = await User.findByOrFail('email', 'board@guild.example')
    assert.equal(user.role, 'board')
  })

  test('refuses a short or common password with the registration rules', async ({ assert }) => {
    const short = await ace.create(UsersCreate, [
      '--email=a@guild.example',
      '--name=A',
      '--password=short',
    ])
    await short.exec()
    short.assertFailed()
    short.assertLogMatches(/password: .*12 characters/)

    const common = await ace.create(UsersCreate, [
      '--email=b@guild.example',
      '--name=B',
      '--password=password1234',
    ])
    await common.exec()
    common.assertFailed()
    common.assertLogMatches(/commonly used passwords/)

    const created = await User.query().whereIn('email', ['a@guild.example', 'b@guild.example'])
    assert.lengthOf(created, 0)
  })

  test('refuses an unknown role and an email already taken', async () => {
    const existing = await UserFactory.create()
    const role = await ace.create(UsersCreate, [
      '--email=c@guild.example',
      '--name=C',
      '--role=wizard',
      '--password=a long and unusual passphrase',
    ])
    await role.exec()
    role.assertFailed()
    role.assertLogMatches(/role: /)

    const taken = await ace.create(UsersCreate, [
      `--email=${existing.email}`,
      '--name=C',
      '--password=a long and unusual passphrase',
    ])
    await taken.exec()
    taken.assertFailed()
    taken.assertLogMatches(/email: /)
  })
})

test.group('Commands / users:role', (group) => {
  isolateDatabase(group)
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('changes a role, audited with the old and new role', async ({ assert }) => {
    const user = await UserFactory.create()
    const command = await ace.create(UsersRole, [
      `--email=${user.email.toUpperCase()}`,
      '--role=board',
    ])
    await command.exec()
    command.assertSucceeded()
    command.assertLogMatches(/is now board \(was member\)/)

    await user.refresh()
    assert.equal(user.role, 'board')
    const entry = await AuditLog.query()
      .where('action', 'role.changed')
      .where('subject_id', user.id)
      .firstOrFail()
    assert.isNull(entry.actorId)
    assert.deepEqual(JSON.parse(entry.meta!), { from: 'member', to: 'board', source: 'cli' })
  })

  test('fails on an unknown role or account', async ({ assert }) => {
    const user = await UserFactory.create()
    const role = await ace.create(UsersRole, [`--email=${user.email}`, '--role=emperor'])
    await role.exec()
    role.assertFailed()
    role.assertLogMatches(/Unknown role "emperor"/)

    const nobody = await ace.create(UsersRole, ['--email=nobody@guild.example', '--role=board'])
    await nobody.exec()
    nobody.assertFailed()
    nobody.assertLogMatches(/No account with the email nobody@guild\.example/)

    await user.refresh()
    assert.equal(user.role, 'member')
    const entries = await AuditLog.query().where('action', 'role.changed')
    assert.lengthOf(entries, 0)
  })
})
