import { MembershipReminderSchema } from '#database/schema'

export const REMINDER_KINDS = ['days_30', 'days_7', 'expiry_day'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]

/**
 * A renewal reminder already sent, unique per membership, kind and expiry date: the renewal job
 * claims this row before mailing, so a second run (or a run after a crash) never mails twice.
 */
export default class MembershipReminder extends MembershipReminderSchema {
  declare kind: ReminderKind
}
