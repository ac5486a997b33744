import router from '@adonisjs/core/services/router'
import { controllers } from '#generated/controllers'
import { middleware } from '#start/kernel'
import { eventRegistrationThrottle, globalThrottle } from '#start/limiter'

/*
 * Events: pages and calendar feeds anyone may read (filtered by Event.visibleTo), registration
 * and tickets for signed-in accounts, editing for the board, attendees and check-in for the
 * organiser and the board.
 */
const id = router.matchers.number()

router
  .group(() => {
    router.get('/events', [controllers.events.Events, 'index']).as('events.index')
    router.get('/events/calendar', [controllers.events.Events, 'calendar']).as('events.calendar')
    router.get('/events/feed.ics', [controllers.events.Feeds, 'public']).as('event_feeds.public')
    router
      .get('/events/feeds/:token/calendar.ics', [controllers.events.Feeds, 'personal'])
      .as('event_feeds.personal')
    router.get('/events/:id', [controllers.events.Events, 'show']).as('events.show').where('id', id)
    router
      .get('/events/:id/event.ics', [controllers.events.Feeds, 'event'])
      .as('event_feeds.event')
      .where('id', id)
    router
      .get('/events/:id/cover', [controllers.events.Events, 'cover'])
      .as('events.cover')
      .where('id', id)
  })
  .use(globalThrottle)

router
  .group(() => {
    router.get('/events/new', [controllers.events.Events, 'create']).as('events.create')
    router.post('/events', [controllers.events.Events, 'store']).as('events.store')
    router
      .get('/events/:id/edit', [controllers.events.Events, 'edit'])
      .as('events.edit')
      .where('id', id)
    router
      .put('/events/:id', [controllers.events.Events, 'update'])
      .as('events.update')
      .where('id', id)
    router
      .post('/events/:id/cancel', [controllers.events.Events, 'cancel'])
      .as('events.cancel')
      .where('id', id)

    router
      .post('/events/:id/registration', [controllers.events.Registrations, 'store'])
      .as('event_registrations.store')
      .where('id', id)
      .use(eventRegistrationThrottle)
    router
      .delete('/events/:id/registration', [controllers.events.Registrations, 'destroy'])
      .as('event_registrations.destroy')
      .where('id', id)
      .use(eventRegistrationThrottle)
    router
      .get('/events/:id/ticket', [controllers.events.Tickets, 'show'])
      .as('event_tickets.show')
      .where('id', id)

    router
      .get('/events/:id/attendees', [controllers.events.Attendees, 'index'])
      .as('event_attendees.index')
      .where('id', id)
    router
      .get('/events/:id/attendees.csv', [controllers.events.Attendees, 'export'])
      .as('event_attendees.export')
      .where('id', id)
    router
      .post('/events/:id/requests/:registrationId/approve', [
        controllers.events.Attendees,
        'approve',
      ])
      .as('event_attendees.approve')
      .where('id', id)
      .where('registrationId', id)
    router
      .post('/events/:id/requests/:registrationId/decline', [
        controllers.events.Attendees,
        'decline',
      ])
      .as('event_attendees.decline')
      .where('id', id)
      .where('registrationId', id)
    router
      .get('/events/:id/check-in', [controllers.events.CheckIns, 'index'])
      .as('event_check_ins.index')
      .where('id', id)
    router
      .post('/events/:id/check-in', [controllers.events.CheckIns, 'store'])
      .as('event_check_ins.store')
      .where('id', id)

    router.get('/account/calendar', [controllers.events.Feeds, 'edit']).as('event_feeds.edit')
    router
      .post('/account/calendar', [controllers.events.Feeds, 'regenerate'])
      .as('event_feeds.regenerate')
    router
      .delete('/account/calendar', [controllers.events.Feeds, 'revoke'])
      .as('event_feeds.revoke')
  })
  .use([globalThrottle, middleware.auth(), middleware.verified()])
