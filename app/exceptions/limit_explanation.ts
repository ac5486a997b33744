import type { errors } from '@adonisjs/limiter'

type ThrottleException = errors.ThrottleException

const explained = new WeakSet<ThrottleException>()

/**
 * The `limitExceeded` hook of a limit that says in its own words what it allows and when to
 * come back (start/limiter.ts). The 429 page quotes only such messages: any other, the
 * limiter's default included, says less than the page already does.
 */
export function explainLimit(explanation: (error: ThrottleException) => string) {
  return (error: ThrottleException) => {
    explained.add(error.setMessage(explanation(error)))
  }
}

/**
 * What the limit said about itself, or null when it did not explain itself.
 */
export function limitExplanation(error: ThrottleException) {
  return explained.has(error) ? error.message : null
}
