import { Job } from '@adonisjs/queue'
import type { JobOptions } from '@adonisjs/queue/types'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import BoardMessageMail from '#mails/members/board_message_mail'

/** One board message to one member, queued in batches by the bulk action. */
export default class SendBoardMessage extends Job<{
  userId: number
  subject: string
  body: string
}> {
  static options: JobOptions = { maxRetries: 5 }

  async execute() {
    const user = await User.find(this.payload.userId)
    if (!user || !user.canSignIn) return
    await mail.send(
      new BoardMessageMail(
        { email: user.email, name: user.name },
        this.payload.subject,
        this.payload.body
      )
    )
  }
}
