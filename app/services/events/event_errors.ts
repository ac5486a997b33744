import { Exception } from '@adonisjs/core/exceptions'

/**
 * A registration or event rule that refused the request; the message is safe to show.
 */
export class EventRuleError extends Exception {
  static status = 422
  static code = 'E_EVENT_RULE'

  constructor(
    message: string,
    readonly field: string = 'form'
  ) {
    super(message)
  }
}

/**
 * Events the viewer may not see answer like events that do not exist.
 */
export function eventNotFound() {
  return new Exception('Not found', { status: 404, code: 'E_NOT_FOUND' })
}
