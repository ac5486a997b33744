import { Exception } from '@adonisjs/core/exceptions'

/**
 * A domain rule that refused a change; the message is safe to show, next to the form field
 * `field` names (or above the form).
 */
export class RuleError extends Exception {
  static status = 422

  constructor(
    message: string,
    readonly field: string = 'form'
  ) {
    super(message)
  }
}
