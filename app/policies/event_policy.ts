import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import type Event from '#models/event'
import { eventVisibilitiesFor } from '#models/event'

function isActive(user: User) {
  return user.canSignIn && user.isVerified
}

/**
 * Events. Viewers see what `Event.visibleTo` allows; the board creates, edits and cancels every
 * event (a cancelled one is kept as it was: saving its form would quietly bring it back); the
 * event's organiser (and the board) see its attendees and check people in.
 */
export default class EventPolicy extends BasePolicy {
  @allowGuest()
  view(user: User | null, event: Event) {
    if (user && isActive(user) && user.isBoard) return true
    return event.status !== 'draft' && eventVisibilitiesFor(user).includes(event.visibility)
  }

  create(user: User) {
    return isActive(user) && user.isBoard
  }

  update(user: User, event: Event) {
    return isActive(user) && user.isBoard && !event.isCancelled
  }

  cancel(user: User, _event: Event) {
    return isActive(user) && user.isBoard
  }

  /** Attendee list, CSV export, approvals and check-in at the door. */
  manageAttendees(user: User, event: Event) {
    if (!isActive(user)) return false
    return user.isBoard || (event.organiserId === user.id && this.view(user, event))
  }

  register(user: User, event: Event) {
    return isActive(user) && this.view(user, event) && event.status !== 'draft'
  }
}
