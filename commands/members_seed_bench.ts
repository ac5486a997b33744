import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Fills a database with many members for the directory benchmark (bench/directory.ts). Meant
 * for a throw-away database: it refuses to run in production unless --force is given.
 */
export default class MembersSeedBench extends BaseCommand {
  static commandName = 'members:seed-bench'
  static description = 'Add N generated members (default 100,000) for load tests'
  static options: CommandOptions = { startApp: true }

  @flags.number({
    description: 'How many members in good standing to add (plus 5% lapsed ones)',
    default: 100_000,
  })
  declare count: number

  @flags.string({
    description: 'Password of every generated account',
    default: 'correct horse battery staple',
  })
  declare password: string

  @flags.string({ description: 'Domain of the generated addresses', default: 'bench.example' })
  declare domain: string

  @flags.boolean({ description: 'Run even in production' })
  declare force: boolean

  async run() {
    if (this.app.inProduction && !this.force) {
      this.logger.error(
        'Refusing to add generated members in production (use --force on a throw-away database).'
      )
      this.exitCode = 1
      return
    }
    if (!Number.isSafeInteger(this.count) || this.count < 1) {
      this.logger.error('--count must be a positive whole number.')
      this.exitCode = 1
      return
    }
    const { default: DirectorySeed } = await import('#services/members/directory_seed')
    const started = performance.now()
    const result = await DirectorySeed.seed(this.count, {
      password: this.password,
      emailDomain: this.domain,
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    this.logger.success(
      `Added ${result.created} accounts (user ids from ${result.firstUserId}) in ${seconds} s`
    )
  }
}
