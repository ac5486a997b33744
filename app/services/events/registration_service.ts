import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'
import Event from '#models/event'
import EventRegistration, { type RegistrationAnswers } from '#models/event_registration'
import { EventRuleError } from '#services/events/event_errors'
import { sqlTime } from '#services/database/sql_time'
import SendEventMail from '#jobs/events/send_event_mail'
import { affectedRows } from '#services/database/affected_rows'

export interface RegistrationInput {
  guests?: number
  answers?: RegistrationAnswers
}

// No 0/O or 1/I/L: codes are read aloud and typed at the door.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newTicketCode() {
  const bytes = randomBytes(10)
  return Array.from(bytes, (byte) => CODE_ALPHABET[byte % CODE_ALPHABET.length]).join('')
}

/**
 * Registration, the waitlist and approvals. Seats are held in `events.seats_taken` and only ever
 * changed by a conditional UPDATE inside the registration's transaction
 * (`seats_taken + n <= capacity`): the database decides who gets the last seat, so any number of
 * simultaneous requests can never overfill an event, on SQLite (one writer at a time) or on
 * PostgreSQL (the row lock makes each UPDATE re-check the condition against the committed count).
 * Whatever reads a registration or the waitlist to decide on seats locks those rows first
 * (`forUpdate`, a no-op on SQLite), so overlapping requests never act on the same stale state.
 */
export default class RegistrationService {
  static eligibilityError(event: Event, user: User): string | null {
    if (!user.canSignIn || !user.isVerified) return 'Verify your email address to register.'
    if (event.eligibility === 'members' && !user.isMember) {
      return 'This event is open to members in good standing only.'
    }
    return null
  }

  static async register(event: Event, user: User, input: RegistrationInput = {}) {
    const closed = event.registrationClosedReason
    if (closed) throw new EventRuleError(closed)
    const ineligible = RegistrationService.eligibilityError(event, user)
    if (ineligible) throw new EventRuleError(ineligible)

    const guests = input.guests ?? 0
    if (!Number.isInteger(guests) || guests < 0 || guests > event.maxGuests) {
      throw new EventRuleError(
        event.maxGuests === 0
          ? 'This event does not take guests.'
          : `You can bring at most ${event.maxGuests} guest${event.maxGuests === 1 ? '' : 's'}.`,
        'guests'
      )
    }
    await event.load('questions')
    const answers: RegistrationAnswers = {}
    for (const question of event.questions) {
      // Form keys are `q<id>`: numeric keys would make the body parser build a sparse array.
      const answer = (input.answers?.[`q${question.id}`] ?? '').trim().slice(0, 500)
      if (question.required && !answer) {
        throw new EventRuleError(`Please answer: ${question.label}`, `answers[q${question.id}]`)
      }
      if (answer) answers[String(question.id)] = answer
    }

    let outcome: { registration: EventRegistration; isNew: boolean }
    try {
      outcome = await db.transaction((trx) =>
        RegistrationService.#claim(trx, event, user, guests, answers)
      )
    } catch (error) {
      // A double submit raced past the existence check: the unique (event, user) key stopped
      // the second insert, and the first registration stands.
      const existing = await EventRegistration.query()
        .where({ event_id: event.id, user_id: user.id })
        .first()
      if (!existing?.isActive) throw error
      outcome = { registration: existing, isNew: false }
    }
    const { registration, isNew } = outcome

    if (isNew && registration.status === 'registered') {
      await SendEventMail.dispatch({ registrationId: registration.id, kind: 'confirmed' })
    }
    return registration
  }

  /**
   * Cancels a registration (always allowed, even when the event is full or over its deadline)
   * and gives the freed seats to the waitlist.
   */
  static async cancel(registration: EventRegistration) {
    const promoted = await db.transaction(async (trx) => {
      // Locked so that a second cancel sent at the same moment (a double click) waits, then
      // finds the registration already cancelled instead of freeing its seats a second time.
      const row = await EventRegistration.query({ client: trx })
        .where('id', registration.id)
        .forUpdate()
        .first()
      if (!row || !row.isActive) return []
      const heldSeats = row.status === 'registered'
      row.useTransaction(trx)
      row.merge({ status: 'cancelled', cancelledAt: DateTime.utc(), waitlistedAt: null })
      await row.save()
      if (!heldSeats) return []
      await trx
        .from('events')
        .where('id', row.eventId)
        .update({ seats_taken: trx.raw('seats_taken - ?', [row.seats]) })
      return RegistrationService.#promote(trx, row.eventId)
    })
    await RegistrationService.#announcePromotions(promoted)
    registration.status = 'cancelled'
  }

  /**
   * Gives free seats to the waitlist in order: each waitlisted person, first come first served,
   * who fits in what is left (a party of three waits while a single seat goes to the next single).
   */
  static async promoteWaitlist(eventId: number) {
    const promoted = await db.transaction((trx) => RegistrationService.#promote(trx, eventId))
    await RegistrationService.#announcePromotions(promoted)
    return promoted
  }

  static async approve(registration: EventRegistration) {
    const result = await db.transaction(async (trx) => {
      // Locked so that two organisers approving at once take the seats only once: the second
      // waits, then no longer finds the request pending.
      const row = await EventRegistration.query({ client: trx })
        .where('id', registration.id)
        .where('status', 'pending')
        .forUpdate()
        .first()
      if (!row) return null
      row.useTransaction(trx)
      if (await RegistrationService.#takeSeats(trx, row.eventId, row.seats)) {
        row.merge({ status: 'registered' })
      } else {
        row.merge({ status: 'waitlisted', waitlistedAt: DateTime.utc() })
      }
      await row.save()
      return row
    })
    if (result?.status === 'registered') {
      await SendEventMail.dispatch({ registrationId: result.id, kind: 'confirmed' })
    }
    return result
  }

  static async decline(registration: EventRegistration) {
    await EventRegistration.query()
      .where('id', registration.id)
      .where('status', 'pending')
      .update({ status: 'declined', updated_at: sqlTime(DateTime.utc()) })
  }

  /**
   * 1-based place in line, or null when not waitlisted.
   */
  static async waitlistPosition(registration: EventRegistration) {
    if (registration.status !== 'waitlisted') return null
    const line = await EventRegistration.query()
      .where('event_id', registration.eventId)
      .where('status', 'waitlisted')
      .orderBy('waitlisted_at', 'asc')
      .orderBy('id', 'asc')
      .select('id')
    return line.findIndex((row) => row.id === registration.id) + 1 || null
  }

  static async #claim(
    trx: TransactionClientContract,
    event: Event,
    user: User,
    guests: number,
    answers: RegistrationAnswers
  ) {
    const existing = await EventRegistration.query({ client: trx })
      .where({ event_id: event.id, user_id: user.id })
      .first()
    if (existing?.isActive) return { registration: existing, isNew: false }

    const row = existing ?? new EventRegistration()
    row.useTransaction(trx)
    row.merge({
      eventId: event.id,
      userId: user.id,
      guests,
      answers,
      checkedInAt: null,
      cancelledAt: null,
      ticketCode: existing?.ticketCode ?? newTicketCode(),
    })
    if (event.eligibility === 'approval') {
      row.merge({ status: 'pending', waitlistedAt: null })
    } else if (await RegistrationService.#takeSeats(trx, event.id, 1 + guests)) {
      row.merge({ status: 'registered', waitlistedAt: null })
    } else {
      row.merge({ status: 'waitlisted', waitlistedAt: DateTime.utc() })
    }
    await row.save()
    return { registration: row, isNew: true }
  }

  static async #takeSeats(trx: TransactionClientContract, eventId: number, seats: number) {
    const affected = await trx
      .from('events')
      .where('id', eventId)
      .where((query) => {
        query.whereNull('capacity').orWhereRaw('seats_taken + ? <= capacity', [seats])
      })
      .update({ seats_taken: trx.raw('seats_taken + ?', [seats]) })
    return affectedRows(affected) > 0
  }

  static async #promote(trx: TransactionClientContract, eventId: number) {
    // The event's row lock makes simultaneous promotions (two saves of a raised capacity, a
    // cancellation during an edit) take turns, so each one reads the waitlist the previous one
    // left; the waitlisted rows are locked so that someone leaving the line meanwhile stays out.
    const event = await Event.query({ client: trx }).where('id', eventId).forUpdate().first()
    if (!event || event.status !== 'published' || event.hasStarted) return []
    const waiting = await EventRegistration.query({ client: trx })
      .where('event_id', eventId)
      .where('status', 'waitlisted')
      .orderBy('waitlisted_at', 'asc')
      .orderBy('id', 'asc')
      .forUpdate()
    const promoted: number[] = []
    // Only an estimate to skip hopeless UPDATEs; the conditional UPDATE stays the judge.
    let free =
      event.capacity === null ? Number.POSITIVE_INFINITY : event.capacity - event.seatsTaken
    for (const row of waiting) {
      if (free <= 0) break
      if (row.seats > free) continue
      if (!(await RegistrationService.#takeSeats(trx, eventId, row.seats))) continue
      free -= row.seats
      row.useTransaction(trx)
      row.merge({ status: 'registered', waitlistedAt: null })
      await row.save()
      promoted.push(row.id)
    }
    return promoted
  }

  static async #announcePromotions(registrationIds: number[]) {
    if (registrationIds.length === 0) return
    await SendEventMail.dispatchMany(
      registrationIds.map((registrationId) => ({ registrationId, kind: 'promoted' as const }))
    )
  }
}
