// Evaluates a parsed rule against one document and one caller. Only `true` grants: a missing field,
// a type mismatch or a non-boolean result all deny, so a rule fails closed.
import type { BinaryOp, RuleExpr, RuleRoot, RuleValue } from './ast'

/** The caller a rule sees as `auth`. An anonymous caller has no openid. */
export interface RuleAuth {
  readonly openid?: string
  readonly appid?: string
  readonly unionid?: string
  /** Storage rules: how the caller signed in (a mini-program user: `WECHAT-OPEN`). */
  readonly loginType?: string
}

/** The file a storage rule judges: `openid` is its uploader's (absent for server-made files). */
export interface RuleResource {
  readonly openid?: string
  readonly path: string
}

export interface RuleScope {
  readonly doc: Readonly<Record<string, unknown>> | undefined
  readonly auth: RuleAuth | undefined
  /** Milliseconds since the epoch, from the emulator's clock. */
  readonly now: number
  readonly resource?: RuleResource
}

export function evaluateRule(expr: RuleExpr, scope: RuleScope): boolean {
  return valueOf(expr, scope) === true
}

export function valueOf(expr: RuleExpr, scope: RuleScope): RuleValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value
    case 'list':
      return expr.items.map((item) => valueOf(item, scope))
    case 'path':
      return resolvePath(expr.root, expr.segments, scope)
    case 'not':
      return valueOf(expr.operand, scope) !== true
    case 'and':
      return valueOf(expr.left, scope) === true && valueOf(expr.right, scope) === true
    case 'or':
      return valueOf(expr.left, scope) === true || valueOf(expr.right, scope) === true
    case 'compare':
      return compare(expr.op, valueOf(expr.left, scope), valueOf(expr.right, scope))
  }
}

function resolvePath(root: RuleRoot, segments: readonly string[], scope: RuleScope) {
  if (root === 'now') return scope.now
  let current: unknown =
    root === 'doc' ? scope.doc : root === 'resource' ? scope.resource : scope.auth
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || current instanceof Date) return undefined
    // Own properties only: a rule must not reach prototype members such as `constructor`.
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return toRuleValue(current)
}

function toRuleValue(value: unknown): RuleValue {
  if (
    value === null ||
    value === undefined ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value
  }
  if (Array.isArray(value)) return value.map(toRuleValue)
  if (typeof value === 'object') return value as { readonly [key: string]: RuleValue }
  return undefined
}

export function sameValue(a: RuleValue, b: RuleValue): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((item: RuleValue, index) => sameValue(item, b[index] as RuleValue))
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const aKeys = Object.keys(a)
    const bKeys = Object.keys(b)
    if (aKeys.length !== bKeys.length) return false
    const aRecord = a as { readonly [key: string]: RuleValue }
    const bRecord = b as { readonly [key: string]: RuleValue }
    return aKeys.every(
      (key) =>
        Object.prototype.hasOwnProperty.call(b, key) && sameValue(aRecord[key], bRecord[key]),
    )
  }
  return a === b
}

export function compare(op: BinaryOp, left: RuleValue, right: RuleValue): boolean {
  switch (op) {
    case '==':
      return sameValue(left, right)
    case '!=':
      return !sameValue(left, right)
    case 'in':
      return Array.isArray(right) && right.some((item: RuleValue) => sameValue(left, item))
    default:
      return ordered(op, left, right)
  }
}

function ordered(op: BinaryOp, left: RuleValue, right: RuleValue): boolean {
  const a = left instanceof Date ? left.getTime() : left
  const b = right instanceof Date ? right.getTime() : right
  const comparable =
    (typeof a === 'number' && typeof b === 'number') ||
    (typeof a === 'string' && typeof b === 'string')
  if (!comparable) return false
  switch (op) {
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    case '>=':
      return a >= b
    default:
      return false
  }
}
