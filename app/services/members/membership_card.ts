import Membership from '#models/membership'
import MembershipApplication from '#models/membership_application'
import type User from '#models/user'

/** The dashboard's membership card: the viewer's membership, and the board's waiting queue. */
export async function membershipCard(user: User) {
  const [membership, pendingApplication, waitingApplications] = await Promise.all([
    Membership.query().where('user_id', user.id).preload('type').first(),
    MembershipApplication.query().where('user_id', user.id).where('status', 'pending').first(),
    user.isBoard
      ? MembershipApplication.query().where('status', 'pending').count('* as total').first()
      : null,
  ])
  return {
    membership,
    pendingApplication,
    waitingApplications: waitingApplications ? Number(waitingApplications.$extras.total) : null,
  }
}
