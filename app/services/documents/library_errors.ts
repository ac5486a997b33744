import { RuleError } from '#exceptions/rule_error'

/**
 * A library rule that refused a change (a folder that is not empty, a move into itself, a
 * level looser than the parent's).
 */
export class LibraryRuleError extends RuleError {
  static code = 'E_LIBRARY_RULE'
}
