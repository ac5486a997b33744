import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import logger from '@adonisjs/core/services/logger'

/**
 * Changes an account's role from the shell, e.g. to recover admin access when no admin can
 * sign in. Audited like a change made in the admin area.
 */
export default class UsersRole extends BaseCommand {
  static commandName = 'users:role'
  static description = "Change an account's role"
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Email address of the account', required: true })
  declare email: string

  @flags.string({ description: 'New role: admin, board, member or user', required: true })
  declare role: string

  async run() {
    const { default: User, ROLES } = await import('#models/user')
    const { default: AccountAdminService } = await import('#services/admin/account_admin_service')

    const role = ROLES.find((candidate) => candidate === this.role)
    if (!role) {
      this.logger.error(`Unknown role "${this.role}". Use one of: ${ROLES.join(', ')}.`)
      this.exitCode = 1
      return
    }
    const user = await User.findBy('email', this.email.trim().toLowerCase())
    if (!user) {
      this.logger.error(`No account with the email ${this.email}.`)
      this.exitCode = 1
      return
    }
    const previous = user.role
    const changed = await AccountAdminService.changeRole(user, role, { actor: null, source: 'cli' })
    if (!changed) {
      this.logger.info(`${user.email} already has the role ${role}.`)
      return
    }
    logger.info({ userId: user.id, from: previous, to: role, source: 'cli' }, 'role changed')
    this.logger.success(`${user.email} is now ${role} (was ${previous}).`)
  }
}
