import { BasePolicy, allowGuest } from '@adonisjs/bouncer'
import type User from '#models/user'
import { directoryAudience } from '#services/members/directory_visibility'

/**
 * The member directory. Who may browse follows the directory's visibility rule (members, and
 * everyone else only when the association opened it); which rows they see is
 * `directoryVisibility`. A member's status history is for the member and the board.
 */
export default class DirectoryPolicy extends BasePolicy {
  @allowGuest()
  browse(user: User | null) {
    return directoryAudience(user) !== 'none'
  }

  viewHistory(user: User, memberId: number) {
    return user.canSignIn && (user.id === memberId || (user.isVerified && user.isBoard))
  }

  editProfessionalInfo(user: User) {
    return user.canSignIn && user.isVerified
  }
}
