import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { errors as vineErrors } from '@vinejs/vine'
import logger from '@adonisjs/core/services/logger'
import type { Role } from '#models/user'

/**
 * Creates a verified account from the shell: the first admin of a new installation, or an
 * account the board sets up by hand. The password is asked for (hidden) unless given.
 */
export default class UsersCreate extends BaseCommand {
  static commandName = 'users:create'
  static description = 'Create a verified account (for example the first admin)'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'Email address of the account', required: true })
  declare email: string

  @flags.string({ description: 'Full name', required: true })
  declare name: string

  @flags.string({ description: 'Role: admin, board, member or user', default: 'member' })
  declare role: string

  @flags.string({
    description: 'Password (asked for when omitted, so it stays out of the shell history)',
  })
  declare password?: string

  async run() {
    const { createAccountValidator } = await import('#validators/admin')
    const { default: AccountAdminService } = await import('#services/admin/account_admin_service')

    const password = this.password ?? (await this.prompt.secure('Password for the new account'))
    let data: { email: string; fullName: string; password: string; role: Role }
    try {
      data = await createAccountValidator.validate({
        email: this.email,
        fullName: this.name,
        password,
        role: this.role,
      })
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        for (const message of error.messages as Array<{ field: string; message: string }>) {
          this.logger.error(`${message.field}: ${message.message}`)
        }
        this.exitCode = 1
        return
      }
      throw error
    }

    const user = await AccountAdminService.createVerified(data, { actor: null, source: 'cli' })
    logger.info({ userId: user.id, role: user.role, source: 'cli' }, 'account created')
    this.logger.success(`Created ${user.email} (${user.role}), verified and ready to sign in.`)
  }
}
