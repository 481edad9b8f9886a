import { isPlainObject, type Doc } from './ejson'
import { scalarKey } from './index-key'
import type { HashIndex } from './indexes'

/** Equality keys per field that a filter pins down (`{a: 1}`, `{a: {$eq: 1}}`, `{a: {$in: […]}}`). */
function equalities(filter: Doc, out: Map<string, string[]>): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) if (isPlainObject(part)) equalities(part, out)
      continue
    }
    if (field.startsWith('$')) continue
    const keys = keysFor(condition)
    if (keys === undefined) continue
    const existing = out.get(field)
    // Two constraints on one field: the intersection is what both allow.
    out.set(field, existing === undefined ? keys : existing.filter((k) => keys.includes(k)))
  }
}

function keysFor(condition: unknown): string[] | undefined {
  const direct = scalarKey(condition)
  if (direct !== undefined) return [direct]
  if (!isPlainObject(condition)) return undefined
  if ('$eq' in condition) {
    const key = scalarKey(condition['$eq'])
    return key === undefined ? undefined : [key]
  }
  const list = condition['$in']
  if (Array.isArray(list)) {
    const keys: string[] = []
    for (const item of list) {
      const key = scalarKey(item)
      if (key === undefined) return undefined
      keys.push(key)
    }
    return keys
  }
  return undefined
}

function combine(lists: string[][]): string[] {
  let acc = ['']
  for (const list of lists) {
    acc = acc.flatMap((prefix) => list.map((k) => (prefix === '' ? k : `${prefix}\u0000${k}`)))
  }
  return acc
}

/**
 * `exact` means the candidates are precisely the matches (the filter is nothing but equalities
 * the index answers), so the caller may skip evaluating the filter.
 */
export type Plan =
  | { readonly kind: 'ids'; readonly ids: readonly string[]; readonly exact: boolean }
  | {
      readonly kind: 'index'
      readonly index: string
      readonly ids: readonly string[]
      readonly exact: boolean
    }
  | { readonly kind: 'scan' }

/**
 * Picks the narrowest way to find candidates: `_id` equality, else the hash index whose fields
 * are all pinned by equality with the fewest hits, else a full scan. Candidates are still
 * filtered by mingo afterwards unless the plan is exact.
 */
export function planQuery(filter: Doc, indexes: readonly HashIndex[]): Plan {
  const eq = new Map<string, string[]>()
  equalities(filter, eq)
  const keys = Object.keys(filter)
  const onlyEqualities = keys.every((k) => eq.has(k))
  const idKeys = eq.get('_id')
  if (idKeys !== undefined) {
    const ids = idKeys.filter((k) => k.startsWith('s:')).map((k) => k.slice(2))
    return {
      kind: 'ids',
      ids,
      exact: keys.length === 1 && onlyEqualities && ids.length === idKeys.length,
    }
  }
  let best: { index: string; ids: string[]; exact: boolean } | undefined
  for (const index of indexes) {
    const lists: string[][] = []
    for (const field of index.spec.fields) {
      const list = eq.get(field)
      if (list !== undefined) lists.push(list)
    }
    if (lists.length !== index.spec.fields.length) continue
    const ids = new Set<string>(index.unkeyable)
    for (const key of combine(lists)) for (const id of index.lookup(key)) ids.add(id)
    const exact =
      onlyEqualities &&
      index.unkeyable.size === 0 &&
      keys.length === index.spec.fields.length &&
      keys.every((k) => index.spec.fields.includes(k))
    if (best === undefined || ids.size < best.ids.length) {
      best = { index: index.name, ids: [...ids], exact }
    }
  }
  return best === undefined ? { kind: 'scan' } : { kind: 'index', ...best }
}
