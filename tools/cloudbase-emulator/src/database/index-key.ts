import type { Doc } from './ejson'

/** Reads a dot path (`meta.prio`) without descending into arrays. */
export function readPath(doc: Doc, path: string): unknown {
  let current: unknown = doc
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    current = (current as Doc)[segment]
  }
  return current
}

/**
 * The hash key of one scalar value, typed so that `1` and `'1'` differ. Values that an equality
 * index cannot answer for (objects, regexes, null/missing) have no key.
 */
export function scalarKey(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s:${value}`
    case 'number':
      return Number.isNaN(value) ? undefined : `n:${value}`
    case 'boolean':
      return `b:${value}`
    default:
      return value instanceof Date ? `d:${value.getTime()}` : undefined
  }
}

/** True when resolving `path` in `doc` would step through an array before its last segment. */
export function crossesArray(doc: Doc, path: string): boolean {
  let current: unknown = doc
  const segments = path.split('.')
  for (const segment of segments.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return false
    current = (current as Doc)[segment]
    if (Array.isArray(current)) return true
  }
  return false
}

/** Keys a document contributes for one field: arrays are multikey, like MongoDB. */
export function fieldKeys(doc: Doc, field: string): string[] {
  const value = readPath(doc, field)
  if (Array.isArray(value)) {
    return [...new Set(value.map(scalarKey).filter((k): k is string => k !== undefined))]
  }
  const key = scalarKey(value)
  return key === undefined ? [] : [key]
}
