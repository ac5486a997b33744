import { Exception } from '@adonisjs/core/exceptions'

/**
 * A 404 for what does not exist, and for what the viewer may not see: pages never tell a
 * visitor which members-only or board records there are.
 */
export function notFound() {
  return new Exception('Not found', { status: 404, code: 'E_NOT_FOUND' })
}
