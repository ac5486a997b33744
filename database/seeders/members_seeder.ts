import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import Badge from '#models/badge'
import MemberBadge from '#models/member_badge'
import MemberProfile from '#models/member_profile'
import Membership, { type MembershipStatus } from '#models/membership'
import MembershipApplication from '#models/membership_application'
import MembershipHistory from '#models/membership_history'
import MembershipSeat from '#models/membership_seat'
import MembershipType from '#models/membership_type'
import ProfileField from '#models/profile_field'
import User from '#models/user'
import MemberNumbers from '#services/members/member_numbers'
import { PRIVACY_POLICY_VERSION } from '#services/members/application_service'

const TYPES = [
  {
    name: 'Student',
    fee: 1500,
    months: 12,
    approval: true,
    seats: 0,
    description: 'For students enrolled in a degree programme.',
  },
  {
    name: 'Regular',
    fee: 6000,
    months: 12,
    approval: true,
    seats: 0,
    description: 'The usual membership.',
  },
  {
    name: 'Fellow',
    fee: 9000,
    months: 12,
    approval: true,
    seats: 0,
    description: 'For established scholars, elected by the board.',
  },
  {
    name: 'Honorary',
    fee: 0,
    months: null,
    approval: true,
    seats: 0,
    description: 'Awarded by the general assembly, for life.',
  },
  {
    name: 'Institutional',
    fee: 40000,
    months: 12,
    approval: true,
    seats: 5,
    description: 'A department or library, with five seats to share.',
  },
]

const BADGES = [
  { name: 'Founding member', icon: '🏛', description: 'Signed the founding charter.' },
  { name: 'Walk leader', icon: '🥾', description: 'Leads walks for the society.' },
  { name: 'Mentor', icon: '🎓', description: 'Mentors students and new members.' },
]

interface DemoMembership {
  email: string
  type: string
  status: MembershipStatus
  /** Months ago the membership started. */
  startedMonthsAgo: number
  /** Days until expiry (negative: expired). */
  expiresInDays: number | null
  badges?: string[]
  profile: {
    institution: string
    position: string
    field: string
    country: string
    interests: string
  }
}

const MEMBERSHIPS: DemoMembership[] = [
  {
    email: 'admin@example.org',
    type: 'Honorary',
    status: 'active',
    startedMonthsAgo: 11,
    expiresInDays: null,
    badges: ['Founding member'],
    profile: {
      institution: 'University of York',
      position: 'Emeritus professor',
      field: 'Medieval history',
      country: 'GB',
      interests: 'Guild records, civic ritual',
    },
  },
  {
    email: 'board@example.org',
    type: 'Fellow',
    status: 'active',
    startedMonthsAgo: 10,
    expiresInDays: 60,
    badges: ['Mentor'],
    profile: {
      institution: 'University of Edinburgh',
      position: 'Senior lecturer',
      field: 'Economic history',
      country: 'GB',
      interests: 'Trade networks, accounting history',
    },
  },
  {
    email: 'member@example.org',
    type: 'Regular',
    status: 'active',
    startedMonthsAgo: 9,
    expiresInDays: 20,
    badges: ['Walk leader'],
    profile: {
      institution: 'Sorbonne Université',
      position: 'Researcher',
      field: 'Urban history',
      country: 'FR',
      interests: 'Parisian crafts, walking tours',
    },
  },
  {
    email: 'tomasz.nowak@example.org',
    type: 'Student',
    status: 'active',
    startedMonthsAgo: 7,
    expiresInDays: 150,
    profile: {
      institution: 'Jagiellonian University',
      position: 'PhD candidate',
      field: 'Social history',
      country: 'PL',
      interests: 'Brotherhoods, apprenticeships',
    },
  },
  {
    email: 'amara.okafor@example.org',
    type: 'Regular',
    status: 'active',
    startedMonthsAgo: 5,
    expiresInDays: 200,
    profile: {
      institution: 'University of Lagos',
      position: 'Lecturer',
      field: 'African history',
      country: 'NG',
      interests: 'Market women, trade guilds',
    },
  },
  {
    email: 'liam.oconnell@example.org',
    type: 'Institutional',
    status: 'active',
    startedMonthsAgo: 4,
    expiresInDays: 240,
    profile: {
      institution: 'Trinity College Dublin Library',
      position: 'Librarian',
      field: 'Archival studies',
      country: 'IE',
      interests: 'Manuscripts, digitisation',
    },
  },
  {
    email: 'wei.chen@example.org',
    type: 'Regular',
    status: 'active',
    startedMonthsAgo: 2,
    expiresInDays: 300,
    profile: {
      institution: 'National Taiwan University',
      position: 'Assistant professor',
      field: 'Comparative history',
      country: 'TW',
      interests: 'Merchant associations',
    },
  },
  {
    email: 'isabel.fernandez@example.org',
    type: 'Student',
    status: 'active',
    startedMonthsAgo: 1,
    expiresInDays: 330,
    profile: {
      institution: 'Universidad de Salamanca',
      position: 'Master student',
      field: 'Early modern history',
      country: 'ES',
      interests: 'Confraternities',
    },
  },
  {
    email: 'margaret.hughes@example.org',
    type: 'Regular',
    status: 'grace',
    startedMonthsAgo: 12,
    expiresInDays: -10,
    profile: {
      institution: 'Cardiff University',
      position: 'Independent scholar',
      field: 'Welsh history',
      country: 'GB',
      interests: 'Chapels, choirs',
    },
  },
]

/**
 * Demo membership data: the types, badges and a custom field, a membership for every demo member
 * (started over the last year, so the statistics chart has a shape), one member in grace, one
 * institutional membership with a seat, and a pending application from the non-member. Running it
 * again changes nothing.
 */
export default class MembersSeeder extends BaseSeeder {
  static environment = env.get('SEED_DEMO_DATA')
    ? ['development', 'test', 'production']
    : ['development', 'test']

  async run() {
    const types = new Map<string, MembershipType>()
    for (const [index, spec] of TYPES.entries()) {
      const type = await MembershipType.firstOrCreate(
        { name: spec.name },
        {
          slug: spec.name.toLowerCase(),
          description: spec.description,
          feeAmount: spec.fee,
          currency: 'EUR',
          durationMonths: spec.months,
          graceDays: 30,
          requiresApproval: spec.approval,
          seats: spec.seats,
          isActive: true,
          position: index + 1,
        },
        { client: this.client }
      )
      types.set(spec.name, type)
    }
    const badges = new Map<string, Badge>()
    for (const spec of BADGES) {
      badges.set(
        spec.name,
        await Badge.firstOrCreate(
          { name: spec.name },
          {
            slug: spec.name.toLowerCase().replace(/\s+/g, '-'),
            icon: spec.icon,
            description: spec.description,
          },
          { client: this.client }
        )
      )
    }
    await ProfileField.firstOrCreate(
      { key: 'research_period' },
      {
        label: 'Research period',
        kind: 'choice',
        options: ['Medieval', 'Early modern', 'Modern', 'Contemporary'],
        visibility: 'members',
        searchable: true,
        position: 1,
      },
      { client: this.client }
    )

    const board = await User.findBy('email', 'board@example.org', { client: this.client })
    for (const spec of MEMBERSHIPS) {
      const user = await User.findBy('email', spec.email, { client: this.client })
      if (!user) continue
      await this.#membership(user, spec, types.get(spec.type)!, board)
      for (const name of spec.badges ?? []) {
        await MemberBadge.firstOrCreate(
          { badgeId: badges.get(name)!.id, userId: user.id },
          {
            awardedById: board?.id ?? null,
            awardedAt: DateTime.utc().minus({ months: 3 }),
            note: null,
          },
          { client: this.client }
        )
      }
    }
    await this.#seat('liam.oconnell@example.org', 'wei.chen@example.org')
    await this.#pendingApplication('visitor@example.org', types.get('Regular')!)
  }

  async #membership(user: User, spec: DemoMembership, type: MembershipType, board: User | null) {
    await MemberProfile.firstOrCreate({ userId: user.id }, spec.profile, { client: this.client })
    if (await Membership.findBy('user_id', user.id, { client: this.client })) return

    const today = DateTime.utc().startOf('day')
    const startedOn = today.minus({ months: spec.startedMonthsAgo })
    const membership = await Membership.create(
      {
        userId: user.id,
        membershipTypeId: type.id,
        status: spec.status,
        memberNumber: await MemberNumbers.next(this.client, startedOn.year),
        startedOn,
        expiresOn: spec.expiresInDays === null ? null : today.plus({ days: spec.expiresInDays }),
        statusChangedAt: DateTime.utc(),
      },
      { client: this.client }
    )
    const joined = await MembershipHistory.create(
      {
        membershipId: membership.id,
        event: 'status_change',
        fromStatus: null,
        toStatus: 'active',
        toExpiresOn: membership.expiresOn,
        reason: 'Application approved',
        actorId: board?.id ?? null,
      },
      { client: this.client }
    )
    // Backdated, so "members over time" shows the year the demo pretends to have had.
    await MembershipHistory.query({ client: this.client })
      .where('id', joined.id)
      .update({ created_at: startedOn.plus({ hours: 10 }).toSQL() })
    if (spec.status === 'grace') {
      await MembershipHistory.create(
        {
          membershipId: membership.id,
          event: 'status_change',
          fromStatus: 'active',
          toStatus: 'grace',
          fromExpiresOn: membership.expiresOn,
          toExpiresOn: membership.expiresOn,
          reason: 'The membership expired',
        },
        { client: this.client }
      )
    }
  }

  async #seat(holderEmail: string, seatEmail: string) {
    const holder = await User.findBy('email', holderEmail, { client: this.client })
    const seated = await User.findBy('email', seatEmail, { client: this.client })
    if (!holder || !seated) return
    const membership = await Membership.findBy('user_id', holder.id, { client: this.client })
    if (!membership) return
    await MembershipSeat.firstOrCreate(
      { membershipId: membership.id, email: seated.email },
      {
        userId: seated.id,
        invitedAt: DateTime.utc().minus({ months: 3 }),
        acceptedAt: DateTime.utc().minus({ months: 3 }),
      },
      { client: this.client }
    )
  }

  async #pendingApplication(email: string, type: MembershipType) {
    const user = await User.findBy('email', email, { client: this.client })
    if (!user) return
    if (await MembershipApplication.findBy('user_id', user.id, { client: this.client })) return
    await MembershipApplication.create(
      {
        userId: user.id,
        membershipTypeId: type.id,
        status: 'pending',
        institution: 'Leiden University',
        position: 'Postdoctoral researcher',
        field: 'Dutch history',
        degrees: 'PhD',
        website: 'https://example.org/daniel-brooks',
        orcid: '0000-0002-1825-0097',
        interests: 'Guild charters of Holland',
        country: 'NL',
        motivation:
          'I work on the guild charters of Holland and would like to meet the society’s historians.',
        consentVersion: PRIVACY_POLICY_VERSION,
        consentedAt: DateTime.utc().minus({ days: 2 }),
      },
      { client: this.client }
    )
  }
}
