// The security-rule expression language as a tree. Rules are data, never code: the evaluator walks
// this tree, so a rules file can never run anything but these few operators.

/** A value a rule can produce or compare: JSON-like, plus dates from documents. */
export type RuleValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | Date
  | readonly RuleValue[]
  | { readonly [key: string]: RuleValue }

/**
 * The roots a rule may read: database rules use `doc`, `auth` and `now`; storage rules use `auth`
 * and `resource` (the file: its uploader's openid and its path).
 */
export type RuleRoot = 'doc' | 'auth' | 'now' | 'resource'

export type BinaryOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in'

export type RuleExpr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'list'; readonly items: readonly RuleExpr[] }
  | { readonly kind: 'path'; readonly root: RuleRoot; readonly segments: readonly string[] }
  | { readonly kind: 'not'; readonly operand: RuleExpr }
  | { readonly kind: 'and'; readonly left: RuleExpr; readonly right: RuleExpr }
  | { readonly kind: 'or'; readonly left: RuleExpr; readonly right: RuleExpr }
  | {
      readonly kind: 'compare'
      readonly op: BinaryOp
      readonly left: RuleExpr
      readonly right: RuleExpr
    }

/** Whether an expression reads the document (and so cannot be decided from auth alone). */
export function readsDoc(expr: RuleExpr): boolean {
  switch (expr.kind) {
    case 'literal':
      return false
    case 'list':
      return expr.items.some(readsDoc)
    case 'path':
      return expr.root === 'doc'
    case 'not':
      return readsDoc(expr.operand)
    case 'and':
    case 'or':
    case 'compare':
      return readsDoc(expr.left) || readsDoc(expr.right)
  }
}
