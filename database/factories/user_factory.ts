import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import User from '#models/user'

export const UserFactory = factory
  .define(User, ({ faker }) => ({
    fullName: faker.person.fullName(),
    email: faker.internet.email().toLowerCase(),
    password: 'correct horse battery staple',
    role: 'member',
    status: 'active',
    emailVerifiedAt: DateTime.utc(),
    profileVisibility: 'members',
    showEmail: false,
  }))
  .state('unverified', (user) => {
    user.emailVerifiedAt = null
  })
  .state('admin', (user) => {
    user.role = 'admin'
  })
  .state('board', (user) => {
    user.role = 'board'
  })
  .state('nonMember', (user) => {
    user.role = 'user'
  })
  .build()
