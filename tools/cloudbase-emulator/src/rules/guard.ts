// The decisions the client endpoint and the realtime watch ask of the rules. Reads follow
// CloudBase: a where-query must imply the rule; a query pinned to one `_id` is judged on that
// document itself (as CloudBase does for `doc(id).get()`); every document handed out is checked
// again, so a gap in the implication check can never leak a document.
import type { RuleAuth } from './evaluate'
import { evaluateRule } from './evaluate'
import { pinnedId, queryImpliesRule } from './implication'
import type { RuleOperation, RuleSet } from './rule-set'

export type ReadDecision =
  /** The filter alone proves every match is readable. */
  | { readonly kind: 'allowed' }
  /** The filter selects one document by id: read it, then judge it with `documentAllowed`. */
  | { readonly kind: 'by-document'; readonly docId: string }
  | { readonly kind: 'denied'; readonly message: string }

export class RulesGuard {
  constructor(
    readonly rules: RuleSet,
    private readonly now: () => number,
  ) {}

  decideQuery(
    collection: string,
    filter: Readonly<Record<string, unknown>>,
    auth: RuleAuth,
  ): ReadDecision {
    const rule = this.rules.ruleFor(collection, 'read')
    if (queryImpliesRule(rule, filter, auth, this.now())) return { kind: 'allowed' }
    const docId = pinnedId(filter)
    if (docId !== undefined) return { kind: 'by-document', docId }
    return {
      kind: 'denied',
      message: `没有读取集合 ${collection} 的权限：查询条件须满足安全规则（${this.describe(collection, 'read')}）`,
    }
  }

  documentAllowed(
    collection: string,
    operation: RuleOperation,
    doc: Readonly<Record<string, unknown>> | undefined,
    auth: RuleAuth,
  ): boolean {
    return evaluateRule(this.rules.ruleFor(collection, operation), {
      doc,
      auth,
      now: this.now(),
    })
  }

  describe(collection: string, operation: RuleOperation): string {
    const entry = this.rules.source[collection]
    const text =
      entry?.[operation] ?? (operation === 'read' ? undefined : entry?.['write']) ?? 'false'
    return `${operation}: ${text}`
  }
}
