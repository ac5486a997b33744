import { Exception } from '@adonisjs/core/exceptions'

/**
 * A library rule that refused a change (a folder that is not empty, a move into itself, a
 * level looser than the parent's). `field` names the form field the message belongs to.
 */
export class LibraryRuleError extends Exception {
  static status = 422
  static code = 'E_LIBRARY_RULE'

  constructor(
    message: string,
    readonly field: string = 'form'
  ) {
    super(message)
  }
}

/**
 * What the viewer may not read answers like what does not exist, so the library never tells
 * a visitor which members-only or board documents there are.
 */
export function notFound() {
  return new Exception('Not found', { status: 404, code: 'E_NOT_FOUND' })
}
