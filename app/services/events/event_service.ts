import { DateTime } from 'luxon'
import rrule from 'rrule'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Infer } from '@vinejs/vine/types'
import type User from '#models/user'
import Event from '#models/event'
import EventQuestion from '#models/event_question'
import EventSeries from '#models/event_series'
import type { eventValidator } from '#validators/events'
import { renderMarkdown } from '#services/content/rich_text'
import { EventRuleError } from '#services/events/event_errors'
import { sqlTime } from '#services/database/sql_time'
import ImageUploadService from '#services/uploads/image_upload_service'
import AuditLogService from '#services/audit/audit_log_service'
import RegistrationService from '#services/events/registration_service'
import NotifyRegistrants from '#jobs/events/notify_registrants'

const { RRule } = rrule

export type EventInput = Infer<typeof eventValidator>

export const COVER_VARIANT = { width: 1200, height: 630, fit: 'cover' as const }

/**
 * A wall-clock time typed in a form ("2026-05-01T19:00") in the event's zone, as UTC.
 */
function fromLocal(value: string, zone: string) {
  return DateTime.fromISO(value, { zone }).toUTC()
}

/**
 * Creating, editing and cancelling events. Changes to the date, time, place or status bump the
 * iCalendar SEQUENCE and tell the people registered; a cancellation keeps the event and its
 * registrations and marks it cancelled everywhere.
 */
export default class EventService {
  static async create(
    input: EventInput,
    cover: MultipartFile | null,
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const fields = EventService.#fields(input)
    const starts = EventService.#occurrences(input, fields.startsAt)
    const duration = fields.endsAt.diff(fields.startsAt)
    const deadlineOffset = fields.registrationDeadline?.diff(fields.startsAt) ?? null

    const events = await EventService.#withCover(cover, null, (coverImageKey) =>
      db.transaction(async (trx) => {
        const series =
          starts.length > 1
            ? await EventSeries.create({ rule: EventService.#rule(input) }, { client: trx })
            : null
        const created: Event[] = []
        for (const startsAt of starts) {
          const event = await Event.create(
            {
              ...fields,
              startsAt,
              endsAt: startsAt.plus(duration),
              registrationDeadline: deadlineOffset ? startsAt.plus(deadlineOffset) : null,
              seriesId: series?.id ?? null,
              organiserId: actor.id,
              coverImageKey,
              seatsTaken: 0,
              sequence: 0,
            },
            { client: trx }
          )
          await EventService.#saveQuestions(event, input.questions, trx)
          created.push(event)
        }
        return created
      })
    )
    await AuditLogService.record(
      {
        action: 'event.created',
        actor,
        meta: { eventId: events[0].id, occurrences: events.length },
      },
      ctx
    )
    return events[0]
  }

  /**
   * Edits one event, or with scope "series" every upcoming occurrence of its series: the
   * details are copied to them, while each keeps its own date (shifted by the same amount of
   * time of day) and its registrations.
   */
  static async update(
    event: Event,
    input: EventInput,
    cover: MultipartFile | null,
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    const fields = EventService.#fields(input)
    const previousCover = event.coverImageKey
    const targets =
      input.scope === 'series' && event.seriesId
        ? await Event.query()
            .where('series_id', event.seriesId)
            .where('starts_at', '>=', sqlTime(event.startsAt))
            .whereNot('status', 'cancelled')
            .orderBy('starts_at', 'asc')
        : [event]
    const shift = fields.startsAt.diff(event.startsAt)
    const duration = fields.endsAt.diff(fields.startsAt)
    const deadlineOffset = fields.registrationDeadline?.diff(fields.startsAt) ?? null

    const changed: Event[] = []
    const coverImageKey = await EventService.#withCover(cover, previousCover, async (key) => {
      await db.transaction(async (trx) => {
        for (const target of targets) {
          const startsAt = target.id === event.id ? fields.startsAt : target.startsAt.plus(shift)
          const before = EventService.#placeAndTime(target)
          target.useTransaction(trx)
          target.merge({
            ...fields,
            startsAt,
            endsAt: startsAt.plus(duration),
            registrationDeadline: deadlineOffset ? startsAt.plus(deadlineOffset) : null,
            coverImageKey: key,
          })
          const moved = before !== EventService.#placeAndTime(target)
          if (moved) target.sequence += 1
          await target.save()
          await EventService.#saveQuestions(target, input.questions, trx)
          if (moved && target.status === 'published') changed.push(target)
        }
      })
      return key
    })

    for (const target of targets) {
      if (target.capacity === null || target.capacity > target.seatsTaken) {
        await RegistrationService.promoteWaitlist(target.id)
      }
    }
    if (changed.length) {
      await NotifyRegistrants.dispatchMany(
        changed.map((target) => ({ eventId: target.id, kind: 'changed' as const, afterId: 0 }))
      )
    }
    if (previousCover && previousCover !== coverImageKey) {
      const stillUsed = await Event.query().where('cover_image_key', previousCover).first()
      if (!stillUsed) await ImageUploadService.delete(previousCover)
    }
    await AuditLogService.record(
      { action: 'event.updated', actor, meta: { eventId: event.id, occurrences: targets.length } },
      ctx
    )
    return event
  }

  static async cancel(
    event: Event,
    message: string,
    actor: User,
    ctx?: Pick<HttpContext, 'request'>
  ) {
    if (event.isCancelled) throw new EventRuleError('This event is already cancelled.')
    event.merge({
      status: 'cancelled',
      cancellationMessage: message,
      cancelledAt: DateTime.utc(),
      sequence: event.sequence + 1,
    })
    await event.save()
    await NotifyRegistrants.dispatch({ eventId: event.id, kind: 'cancelled', afterId: 0 })
    await AuditLogService.record(
      { action: 'event.cancelled', actor, meta: { eventId: event.id } },
      ctx
    )
  }

  /**
   * Stores the uploaded cover, if any, and saves with its key (or with `current` without an
   * upload). When the save fails nothing points to the new file, so it is removed again.
   */
  static async #withCover<T>(
    cover: MultipartFile | null,
    current: string | null,
    save: (coverImageKey: string | null) => Promise<T>
  ) {
    if (!cover) return save(current)
    const stored = await ImageUploadService.store(cover, 'events', COVER_VARIANT)
    try {
      return await save(stored)
    } catch (error) {
      await ImageUploadService.delete(stored)
      throw error
    }
  }

  static #fields(input: EventInput) {
    const startsAt = fromLocal(input.startsAt, input.timezone)
    const endsAt = fromLocal(input.endsAt, input.timezone)
    if (!startsAt.isValid) throw new EventRuleError('Enter a valid start.', 'startsAt')
    if (!endsAt.isValid || endsAt <= startsAt) {
      throw new EventRuleError('The end must be after the start.', 'endsAt')
    }
    const registrationDeadline = input.registrationDeadline
      ? fromLocal(input.registrationDeadline, input.timezone)
      : null
    if (registrationDeadline && registrationDeadline > startsAt) {
      throw new EventRuleError(
        'The registration deadline must be before the start.',
        'registrationDeadline'
      )
    }
    return {
      title: input.title,
      descriptionSource: input.description ?? '',
      descriptionHtml: renderMarkdown(input.description ?? ''),
      category: input.category || null,
      startsAt,
      endsAt,
      timezone: input.timezone,
      locationAddress: input.locationAddress || null,
      onlineUrl: input.onlineUrl || null,
      visibility: input.visibility,
      eligibility: input.eligibility,
      status: input.status,
      capacity: input.capacity ?? null,
      maxGuests: input.maxGuests ?? 0,
      registrationDeadline,
      reminderMinutes: Math.round((input.reminderHours ?? 24) * 60),
      organiserContact: input.organiserContact || null,
    }
  }

  static #placeAndTime(event: Event) {
    return [
      event.startsAt.toMillis(),
      event.endsAt.toMillis(),
      event.timezone,
      event.locationAddress ?? '',
      event.onlineUrl ?? '',
    ].join('|')
  }

  static #rule(input: EventInput) {
    const options: Partial<rrule.Options> = {
      freq: input.repeat === 'monthly' ? RRule.MONTHLY : RRule.WEEKLY,
    }
    if (input.repeatCount) options.count = input.repeatCount
    if (input.repeatUntil) {
      const until = DateTime.fromISO(input.repeatUntil, { zone: 'utc' }).endOf('day')
      options.until = until.toJSDate()
    }
    return new RRule(options).toString()
  }

  /**
   * The start of each occurrence. RRULE works on wall-clock times here (the local time written
   * as if it were UTC), so a weekly 19:00 meeting stays at 19:00 after a daylight-saving change.
   */
  static #occurrences(input: EventInput, startsAt: DateTime) {
    if (!input.repeat || input.repeat === 'none') return [startsAt]
    if (!input.repeatCount && !input.repeatUntil) {
      throw new EventRuleError('Give a number of occurrences or an end date.', 'repeatCount')
    }
    const local = startsAt.setZone(input.timezone)
    const wallClock = DateTime.utc(
      local.year,
      local.month,
      local.day,
      local.hour,
      local.minute,
      local.second
    )
    const rule = new RRule({
      ...RRule.parseString(EventService.#rule(input)),
      dtstart: wallClock.toJSDate(),
    })
    const dates = rule.all((_date, index) => index < 52)
    return dates.map((date) => {
      const wall = DateTime.fromJSDate(date, { zone: 'utc' })
      return DateTime.fromObject(
        {
          year: wall.year,
          month: wall.month,
          day: wall.day,
          hour: wall.hour,
          minute: wall.minute,
          second: wall.second,
        },
        { zone: input.timezone }
      ).toUTC()
    })
  }

  static async #saveQuestions(
    event: Event,
    source: string | undefined,
    trx: TransactionClientContract
  ) {
    const labels = (source ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 10)
    const existing = await EventQuestion.query({ client: trx })
      .where('event_id', event.id)
      .orderBy('position', 'asc')
    const current = existing.map((question) => `${question.required ? '*' : ''}${question.label}`)
    if (current.join('\n') === labels.join('\n')) return
    await EventQuestion.query({ client: trx }).where('event_id', event.id).delete()
    for (const [position, line] of labels.entries()) {
      const required = line.startsWith('*')
      await EventQuestion.create(
        {
          eventId: event.id,
          label: (required ? line.slice(1) : line).trim().slice(0, 200),
          required,
          position,
        },
        { client: trx }
      )
    }
  }
}
