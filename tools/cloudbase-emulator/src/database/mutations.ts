import { randomBytes } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { update as applyUpdate, Query } from 'mingo'
import { TcbCode, TcbError } from '../server/errors'
import { isPlainObject, type Doc } from './ejson'
import { fastUpdate } from './fast-update'
import { readPath } from './index-key'

export function newDocId(): string {
  return randomBytes(16).toString('hex')
}

export function compileFilter(filter: Doc): Query {
  try {
    return new Query(filter, {})
  } catch (err) {
    throw new TcbError(TcbCode.DATABASE_INVALID_OPERATOR, `查询条件无效：${messageOf(err)}`)
  }
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** True when the object is an update modifier (`{$set: …}`) rather than a plain document. */
export function isModifier(data: Doc): boolean {
  const keys = Object.keys(data)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

/**
 * MongoDB's `$addToSet: {$each: [1, 1]}` adds each distinct value once; mingo would add both, so
 * the `$each` list is de-duplicated before it reaches mingo.
 */
function normaliseModifier(modifier: Doc): Doc {
  const addToSet = modifier['$addToSet']
  if (!isPlainObject(addToSet)) return modifier
  const fixed: Doc = {}
  for (const [field, spec] of Object.entries(addToSet)) {
    if (isPlainObject(spec) && Array.isArray(spec['$each'])) {
      const seen: unknown[] = []
      for (const item of spec['$each'] as unknown[]) {
        if (!seen.some((s) => isDeepStrictEqual(s, item))) seen.push(item)
      }
      fixed[field] = { ...spec, $each: seen }
    } else {
      fixed[field] = spec
    }
  }
  return { ...modifier, $addToSet: fixed }
}

const ARRAY_OPERATORS = ['$push', '$pop', '$pull', '$pullAll', '$addToSet']
const NUMBER_OPERATORS = ['$inc', '$mul']

/**
 * MongoDB refuses array operators on non-arrays and arithmetic on non-numbers; mingo would
 * quietly skip or coerce, so those cases are refused here with the database's invalid-operator
 * error before anything changes.
 */
function checkOperandTypes(doc: Doc, modifier: Doc): void {
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue
    const wantsArray = ARRAY_OPERATORS.includes(operator)
    const wantsNumber = NUMBER_OPERATORS.includes(operator)
    if (!wantsArray && !wantsNumber) continue
    for (const path of Object.keys(fields)) {
      const current = readPath(doc, path)
      if (current === undefined || current === null) continue
      if (wantsArray && !Array.isArray(current)) {
        throw new TcbError(
          TcbCode.DATABASE_INVALID_OPERATOR,
          `字段 ${path} 不是数组，不能使用 ${operator}`,
        )
      }
      if (wantsNumber && typeof current !== 'number') {
        throw new TcbError(
          TcbCode.DATABASE_INVALID_OPERATOR,
          `字段 ${path} 不是数字，不能使用 ${operator}`,
        )
      }
    }
  }
}

/** Applies an update to a copy of `doc`; returns the new document, or undefined if unchanged. */
export function modify(doc: Doc, data: Doc, replace: boolean): Doc | undefined {
  if (replace) {
    const next: Doc = { ...structuredClone(data), _id: doc['_id'] }
    return isDeepStrictEqual(next, doc) ? undefined : next
  }
  const modifier = isModifier(data) ? data : { $set: data }
  if ('_id' in (isPlainObject(modifier['$set']) ? modifier['$set'] : {})) {
    throw new TcbError(TcbCode.INVALID_PARAM, '不能更新 _id 的值')
  }
  checkOperandTypes(doc, modifier)
  const fast = fastUpdate(doc, modifier)
  if (fast !== undefined) return fast.changed ? fast.doc : undefined
  const copy = structuredClone(doc)
  let changed: string[]
  try {
    changed = applyUpdate(copy, normaliseModifier(modifier), [], undefined, { cloneMode: 'deep' })
  } catch (err) {
    throw new TcbError(TcbCode.DATABASE_INVALID_OPERATOR, `更新操作无效：${messageOf(err)}`)
  }
  return changed.length === 0 ? undefined : copy
}

/** The document an upsert starts from: the filter's plain top-level equalities. */
export function upsertBase(filter: Doc): Doc {
  const base: Doc = {}
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$') || key.includes('.')) continue
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
      if ('$eq' in value) base[key] = value['$eq']
      continue
    }
    base[key] = value
  }
  return base
}
