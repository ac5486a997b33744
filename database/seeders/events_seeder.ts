import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import env from '#start/env'
import User from '#models/user'
import Event, { type EventEligibility, type EventVisibility } from '#models/event'
import EventRegistration from '#models/event_registration'
import { renderMarkdown } from '#services/content/rich_text'
import { newTicketCode } from '#services/events/registration_service'

interface DemoEvent {
  title: string
  description: string
  category: string
  /** Days from today; negative for past events. */
  inDays: number
  /** Local start time in the association's zone, "HH:mm". */
  at: string
  hours: number
  location: string | null
  onlineUrl?: string
  visibility: EventVisibility
  eligibility: EventEligibility
  capacity: number | null
  maxGuests?: number
  attendees: string[]
  status?: 'published' | 'cancelled'
  cancellationMessage?: string
}

const EVENTS: DemoEvent[] = [
  {
    title: 'Thursday walk: along the river to Eastbrook',
    description:
      'An easy 8 km walk, mostly on paths along the river. Bring water and good shoes; we stop for coffee at the Eastbrook mill.',
    category: 'Walks',
    inDays: 4,
    at: '10:00',
    hours: 3,
    location: 'Meet at the old bridge, Riverside Road',
    visibility: 'public',
    eligibility: 'signed_in',
    capacity: 20,
    maxGuests: 1,
    attendees: ['member@example.org', 'tomasz.nowak@example.org', 'wei.chen@example.org'],
  },
  {
    title: 'Annual general meeting',
    description:
      'The yearly meeting of all members: the board reports, the accounts for the year, and the election of two board seats. The agenda is in the document library.',
    category: 'Meetings',
    inDays: 18,
    at: '19:30',
    hours: 2,
    location: 'Community hall, 12 Market Street',
    visibility: 'members',
    eligibility: 'members',
    capacity: 80,
    attendees: [
      'admin@example.org',
      'board@example.org',
      'member@example.org',
      'amara.okafor@example.org',
      'margaret.hughes@example.org',
    ],
  },
  {
    title: 'Introduction to bookbinding (workshop)',
    description:
      'A hands-on evening: fold, sew and bind your own notebook. Materials are provided; places are limited, so the organiser confirms each request.',
    category: 'Workshops',
    inDays: 11,
    at: '18:30',
    hours: 2.5,
    location: 'Workshop room, 12 Market Street',
    visibility: 'members',
    eligibility: 'approval',
    capacity: 8,
    attendees: ['isabel.fernandez@example.org'],
  },
  {
    title: 'Online talk: the history of our town',
    description: 'Local historian Ruth Ames shares old maps and photographs. Questions welcome.',
    category: 'Talks',
    inDays: 25,
    at: '20:00',
    hours: 1.5,
    location: null,
    onlineUrl: 'https://meet.example.org/town-history',
    visibility: 'public',
    eligibility: 'signed_in',
    capacity: null,
    attendees: ['liam.oconnell@example.org'],
  },
  {
    title: 'Summer picnic',
    description: 'Food, games and music in the park. Everyone brings a dish to share.',
    category: 'Social',
    inDays: -40,
    at: '12:00',
    hours: 4,
    location: 'North Park, by the bandstand',
    visibility: 'public',
    eligibility: 'signed_in',
    capacity: 60,
    maxGuests: 2,
    attendees: ['member@example.org', 'amara.okafor@example.org', 'tomasz.nowak@example.org'],
  },
  {
    title: 'Board planning day',
    description: 'The board sets the plan and budget for next year.',
    category: 'Meetings',
    inDays: 32,
    at: '09:30',
    hours: 6,
    location: 'Board room, 12 Market Street',
    visibility: 'board',
    eligibility: 'signed_in',
    capacity: 10,
    attendees: ['admin@example.org', 'board@example.org'],
  },
  {
    title: 'Quiz night',
    description: 'Teams of four; prizes for the winners.',
    category: 'Social',
    inDays: 9,
    at: '20:00',
    hours: 2,
    location: 'The Crown, 3 High Street',
    visibility: 'public',
    eligibility: 'signed_in',
    capacity: 40,
    attendees: [],
    status: 'cancelled',
    cancellationMessage: 'The pub is closed for repairs; we will find a new date soon.',
  },
]

/**
 * Demo events: upcoming and past, each visibility and eligibility, one cancelled, with a few
 * registrations (past ones checked in). Events are matched by title, so running it twice
 * changes nothing.
 */
export default class EventsSeeder extends BaseSeeder {
  static environment = env.get('SEED_DEMO_DATA')
    ? ['development', 'test', 'production']
    : ['development', 'test']

  async run() {
    const zone = env.get('APP_TIMEZONE', 'UTC')
    const organiser = await User.query({ client: this.client })
      .where('email', 'board@example.org')
      .first()
    // Run from the main seeder, after the demo accounts exist.
    if (!organiser) return
    const users = await User.query({ client: this.client }).whereIn('email', [
      ...new Set(EVENTS.flatMap((event) => event.attendees)),
    ])
    const byEmail = new Map(users.map((user) => [user.email, user]))

    for (const demo of EVENTS) {
      const existing = await Event.query({ client: this.client }).where('title', demo.title).first()
      if (existing) continue
      const [hour, minute] = demo.at.split(':').map(Number)
      const startsAt = DateTime.now()
        .setZone(zone)
        .plus({ days: demo.inDays })
        .set({ hour, minute, second: 0, millisecond: 0 })
        .toUTC()
      const event = await Event.create(
        {
          title: demo.title,
          descriptionSource: demo.description,
          descriptionHtml: renderMarkdown(demo.description),
          category: demo.category,
          startsAt,
          endsAt: startsAt.plus({ hours: demo.hours }),
          timezone: zone,
          locationAddress: demo.location,
          onlineUrl: demo.onlineUrl ?? null,
          visibility: demo.visibility,
          eligibility: demo.eligibility,
          status: demo.status ?? 'published',
          cancellationMessage: demo.cancellationMessage ?? null,
          cancelledAt: demo.status === 'cancelled' ? DateTime.utc() : null,
          capacity: demo.capacity,
          seatsTaken: 0,
          maxGuests: demo.maxGuests ?? 0,
          registrationDeadline: demo.inDays > 2 ? startsAt.minus({ days: 1 }) : null,
          reminderMinutes: 1440,
          organiserId: organiser.id,
          organiserContact: 'events@example.org',
          sequence: demo.status === 'cancelled' ? 1 : 0,
        },
        { client: this.client }
      )
      let seats = 0
      for (const email of demo.attendees) {
        const user = byEmail.get(email)
        if (!user) continue
        await EventRegistration.create(
          {
            eventId: event.id,
            userId: user.id,
            status: demo.eligibility === 'approval' ? 'pending' : 'registered',
            guests: 0,
            answers: {},
            ticketCode: newTicketCode(),
            checkedInAt: demo.inDays < 0 ? startsAt.plus({ minutes: 10 }) : null,
          },
          { client: this.client }
        )
        if (demo.eligibility !== 'approval') seats++
      }
      await this.client.from('events').where('id', event.id).update({ seats_taken: seats })
    }
  }
}
