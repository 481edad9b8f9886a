export type { RuleExpr, RuleValue } from './ast'
export { parseRule, type ParseResult, type RuleSyntaxError } from './parse'
export { evaluateRule, type RuleAuth, type RuleScope } from './evaluate'
export { queryImpliesRule, pinnedId } from './implication'
export {
  compileRules,
  loadRulesFile,
  DEFAULT_RULES_PATH,
  RuleSet,
  type RuleOperation,
  type RuleSetResult,
  type RulesFileError,
} from './rule-set'
export { RulesGuard, type ReadDecision } from './guard'
