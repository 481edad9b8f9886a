// CloudBase's read semantics: a query is allowed only when the rule holds for *every* document
// the query could return, whatever the data is. We decide that from the where-clause alone: the
// filter is split into alternatives (its `$or` branches), each alternative into the fields it pins
// to known values, and the rule must follow from the pins of every alternative. This is sound but
// deliberately incomplete: anything we cannot prove is denied.
import { readsDoc, type RuleExpr, type RuleValue } from './ast'
import { compare, evaluateRule, sameValue, valueOf, type RuleAuth } from './evaluate'

/** What one alternative of a filter guarantees about a field. */
interface FieldPin {
  /** The field equals (or, for arrays, contains) each of these values. */
  readonly equals: RuleValue[]
  /** The field equals one of these values (from `$in`); each entry is one `$in` list. */
  readonly oneOf: RuleValue[][]
  /** The array field contains each of these values (from `$all`). */
  readonly contains: RuleValue[]
}

type Branch = Map<string, FieldPin>

const MAX_BRANCHES = 64

function emptyPin(): FieldPin {
  return { equals: [], oneOf: [], contains: [] }
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  if (value instanceof Date || value instanceof RegExp) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((key) => key.startsWith('$'))
}

function pinFor(branch: Branch, field: string): FieldPin {
  let pin = branch.get(field)
  if (pin === undefined) {
    pin = emptyPin()
    branch.set(field, pin)
  }
  return pin
}

function cloneBranch(branch: Branch): Branch {
  const copy: Branch = new Map()
  for (const [field, pin] of branch) {
    copy.set(field, {
      equals: [...pin.equals],
      oneOf: pin.oneOf.map((list) => [...list]),
      contains: [...pin.contains],
    })
  }
  return copy
}

/** Adds one field condition to a branch. Unknown operators only narrow, so ignoring them is safe. */
function addFieldCondition(branch: Branch, field: string, condition: unknown): void {
  if (!isOperatorObject(condition)) {
    if (condition instanceof RegExp) return
    pinFor(branch, field).equals.push(condition as RuleValue)
    return
  }
  for (const [operator, operand] of Object.entries(condition)) {
    if (operator === '$eq') pinFor(branch, field).equals.push(operand as RuleValue)
    else if (operator === '$in' && Array.isArray(operand)) {
      pinFor(branch, field).oneOf.push(operand as RuleValue[])
    } else if (operator === '$all' && Array.isArray(operand)) {
      pinFor(branch, field).contains.push(...(operand as RuleValue[]))
    }
  }
}

/** Expands a filter into its alternatives, or undefined when there are too many to check. */
function branchesOf(filter: Record<string, unknown>, start: Branch[]): Branch[] | undefined {
  let branches = start
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') {
      if (!Array.isArray(condition)) return undefined
      for (const part of condition) {
        if (part === null || typeof part !== 'object') return undefined
        const next = branchesOf(part as Record<string, unknown>, branches)
        if (next === undefined) return undefined
        branches = next
      }
    } else if (key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) return undefined
      const expanded: Branch[] = []
      for (const alternative of condition) {
        if (alternative === null || typeof alternative !== 'object') return undefined
        const next = branchesOf(
          alternative as Record<string, unknown>,
          branches.map((branch) => cloneBranch(branch)),
        )
        if (next === undefined) return undefined
        expanded.push(...next)
        if (expanded.length > MAX_BRANCHES) return undefined
      }
      branches = expanded
    } else if (key.startsWith('$')) {
      // $nor, $expr, $text …: extra conjuncts that can only shrink the result.
      continue
    } else {
      for (const branch of branches) addFieldCondition(branch, key, condition)
    }
  }
  return branches
}

interface Context {
  readonly auth: RuleAuth | undefined
  readonly now: number
}

function docPath(expr: RuleExpr): string | undefined {
  if (expr.kind !== 'path' || expr.root !== 'doc' || expr.segments.length === 0) return undefined
  return expr.segments.join('.')
}

function constant(expr: RuleExpr, ctx: Context): { value: RuleValue } | undefined {
  if (readsDoc(expr)) return undefined
  return { value: valueOf(expr, { doc: undefined, auth: ctx.auth, now: ctx.now }) }
}

function impliedCompare(
  expr: Extract<RuleExpr, { kind: 'compare' }>,
  branch: Branch,
  ctx: Context,
): boolean {
  const leftPath = docPath(expr.left)
  const rightPath = docPath(expr.right)
  // `X in doc.list`: the filter must require the array to contain X.
  if (expr.op === 'in' && rightPath !== undefined) {
    const needle = constant(expr.left, ctx)
    const pin = branch.get(rightPath)
    if (needle === undefined || pin === undefined) return false
    return [...pin.equals, ...pin.contains].some((value) => sameValue(value, needle.value))
  }
  const path = leftPath ?? rightPath
  const other = leftPath !== undefined ? expr.right : expr.left
  if (path === undefined || (leftPath !== undefined && rightPath !== undefined)) return false
  const known = constant(other, ctx)
  const pin = branch.get(path)
  if (known === undefined || pin === undefined) return false
  const holdsFor = (fieldValue: RuleValue): boolean =>
    leftPath !== undefined
      ? compare(expr.op, fieldValue, known.value)
      : compare(expr.op, known.value, fieldValue)
  // Any single pin that forces the rule is enough: the others only narrow further.
  if (pin.equals.some(holdsFor)) return true
  return pin.oneOf.some((list) => list.length > 0 && list.every(holdsFor))
}

function implied(expr: RuleExpr, branch: Branch, ctx: Context): boolean {
  if (!readsDoc(expr)) return evaluateRule(expr, { doc: undefined, auth: ctx.auth, now: ctx.now })
  switch (expr.kind) {
    case 'and':
      return implied(expr.left, branch, ctx) && implied(expr.right, branch, ctx)
    case 'or':
      return implied(expr.left, branch, ctx) || implied(expr.right, branch, ctx)
    case 'compare':
      return impliedCompare(expr, branch, ctx)
    default:
      return false
  }
}

/**
 * Whether every document matching `filter` (a decoded MongoDB filter) satisfies `rule` for this
 * caller. `filter` holds canonical JS values (Dates, RegExps), not EJSON.
 */
export function queryImpliesRule(
  rule: RuleExpr,
  filter: Readonly<Record<string, unknown>>,
  auth: RuleAuth | undefined,
  now: number,
): boolean {
  const branches = branchesOf(filter, [new Map<string, FieldPin>()])
  if (branches === undefined) return false
  return branches.every((branch) => implied(rule, branch, { auth, now }))
}

/** The `_id` a filter pins, if it selects at most one document by id. */
export function pinnedId(filter: Readonly<Record<string, unknown>>): string | undefined {
  const id = filter['_id']
  if (typeof id === 'string') return id
  if (isOperatorObject(id) && typeof id['$eq'] === 'string') return id['$eq']
  return undefined
}
