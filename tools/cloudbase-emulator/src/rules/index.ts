export type { RuleExpr, RuleValue } from './ast'
export { parseRule, type ParseResult, type RuleSyntaxError, type ParseOptions } from './parse'
export { evaluateRule, type RuleAuth, type RuleResource, type RuleScope } from './evaluate'
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
export {
  compileStorageRules,
  loadStorageRulesFile,
  storageRulesOrThrow,
  DEFAULT_STORAGE_RULES_PATH,
  StorageRules,
  type StorageOperation,
  type StorageRulesResult,
} from './storage-rules'
