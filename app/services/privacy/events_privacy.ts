import EventRegistration from '#models/event_registration'
import CalendarFeedToken from '#models/calendar_feed_token'
import Event from '#models/event'
import privacyRegistry from '#services/privacy/privacy_registry'
import RegistrationService from '#services/events/registration_service'

/*
 * Events: a person's registrations (with their answers, guests and check-ins), the events they
 * organise, and whether they have a personal calendar link (never the secret, which is not
 * stored). Erasing deletes the registrations (their seats go back to the event, and to its
 * waitlist once the deletion is committed) and the link; events they organised were made for
 * others and stay, organised by a "Former member".
 */
privacyRegistry.register({
  name: 'events',
  async export(user) {
    const registrations = await EventRegistration.query()
      .where('user_id', user.id)
      .preload('event', (query) => query.preload('questions'))
      .orderBy('id')
    const organised = await Event.query().where('organiser_id', user.id).orderBy('id')
    const feed = await CalendarFeedToken.findBy('userId', user.id)
    return {
      data: {
        registrations: registrations.map((row) => ({
          event: row.event.title,
          startsAt: row.event.startsAt.toISO(),
          status: row.status,
          guests: row.guests,
          answers: Object.fromEntries(
            row.event.questions.map((question) => [
              question.label,
              row.answers?.[String(question.id)] ?? null,
            ])
          ),
          ticketCode: row.ticketCode,
          checkedInAt: row.checkedInAt?.toISO() ?? null,
          registeredAt: row.createdAt.toISO(),
          cancelledAt: row.cancelledAt?.toISO() ?? null,
        })),
        organisedEvents: organised.map((event) => ({
          title: event.title,
          startsAt: event.startsAt.toISO(),
          status: event.status,
        })),
        personalCalendarLink: feed
          ? { createdAt: feed.createdAt.toISO(), includeMembersEvents: feed.includeMembersEvents }
          : null,
      },
    }
  },
  async erase(user, trx) {
    const held = await EventRegistration.query({ client: trx })
      .where('user_id', user.id)
      .where('status', 'registered')
    for (const row of held) {
      await trx
        .from('events')
        .where('id', row.eventId)
        .update({ seats_taken: trx.raw('seats_taken - ?', [row.seats]) })
    }
    const rows = await EventRegistration.query({ client: trx })
      .where('user_id', user.id)
      .select('id')
    const ids = rows.map((row) => row.id)
    if (ids.length) {
      await trx.from('event_reminders').whereIn('registration_id', ids).delete()
      await trx.from('event_registrations').whereIn('id', ids).delete()
    }
    await CalendarFeedToken.query({ client: trx }).where('user_id', user.id).delete()
    const freed = [...new Set(held.map((row) => row.eventId))]
    if (freed.length === 0) return
    return {
      // Only once the deletion has committed: the people promoted are emailed, and a mail could
      // not be taken back if the deletion were rolled back. Past and cancelled events are left
      // alone by the promotion itself.
      now: async () => {
        for (const eventId of freed) await RegistrationService.promoteWaitlist(eventId)
      },
    }
  },
})
