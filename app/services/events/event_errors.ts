import { RuleError } from '#exceptions/rule_error'

/** A registration or event rule that refused the request. */
export class EventRuleError extends RuleError {
  static code = 'E_EVENT_RULE'
}
