import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import User, { type Role } from '#models/user'
import NewsSeeder from '#database/seeders/news_seeder'
import DocumentsSeeder from '#database/seeders/documents_seeder'
import MembersSeeder from '#database/seeders/members_seeder'
import EventsSeeder from '#database/seeders/events_seeder'

/**
 * Password of every demo account. Printed on the console in development only.
 */
export const DEMO_PASSWORD = 'guildhall demo 2024'

interface DemoAccount {
  fullName: string
  email: string
  role: Role
  bio?: string
  profileVisibility?: 'public' | 'members' | 'private'
  /** Printed as a demo login, with what it lets you see. */
  loginLabel?: string
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    fullName: 'Helen Whitaker',
    email: 'admin@example.org',
    role: 'admin',
    loginLabel: 'administrator',
    bio: 'Secretary of the society since 2019; keeps the register and the website running.',
  },
  {
    fullName: 'Rajesh Iyer',
    email: 'board@example.org',
    role: 'board',
    loginLabel: 'board member',
    bio: 'Treasurer. Ask me about subscriptions and the annual accounts.',
  },
  {
    fullName: 'Sophie Laurent',
    email: 'member@example.org',
    role: 'member',
    loginLabel: 'member',
    bio: 'Leads the Thursday walking group.',
    profileVisibility: 'public',
  },
  { fullName: 'Tomasz Nowak', email: 'tomasz.nowak@example.org', role: 'member' },
  { fullName: 'Amara Okafor', email: 'amara.okafor@example.org', role: 'member' },
  { fullName: "Liam O'Connell", email: 'liam.oconnell@example.org', role: 'member' },
  { fullName: 'Wei Chen', email: 'wei.chen@example.org', role: 'member' },
  { fullName: 'Isabel Fernández', email: 'isabel.fernandez@example.org', role: 'member' },
  { fullName: 'Margaret Hughes', email: 'margaret.hughes@example.org', role: 'member' },
  {
    fullName: 'Daniel Brooks',
    email: 'visitor@example.org',
    role: 'user',
    loginLabel: 'registered, not a member',
  },
]

/**
 * Demo data for a local try-out: one account per role, all verified. Running it again leaves
 * existing accounts untouched. Production never runs it unless SEED_DEMO_DATA=true.
 */
export default class MainSeeder extends BaseSeeder {
  static environment = env.get('SEED_DEMO_DATA')
    ? ['development', 'test', 'production']
    : ['development', 'test']

  async run() {
    for (const account of DEMO_ACCOUNTS) {
      await User.firstOrCreate(
        { email: account.email },
        {
          fullName: account.fullName,
          role: account.role,
          bio: account.bio ?? null,
          password: DEMO_PASSWORD,
          status: 'active',
          emailVerifiedAt: DateTime.utc(),
          profileVisibility: account.profileVisibility ?? 'members',
          showEmail: false,
        },
        { client: this.client }
      )
    }

    await new NewsSeeder(this.client).run()
    await new DocumentsSeeder(this.client).run()
    await new MembersSeeder(this.client).run()
    await new EventsSeeder(this.client).run()

    if (app.inDev) {
      const logins = DEMO_ACCOUNTS.filter((account) => account.loginLabel)
        .map((account) => `${account.email} (${account.loginLabel})`)
        .join(', ')
      logger.info(`Demo logins, all with the password "${DEMO_PASSWORD}": ${logins}`)
    }
  }
}
