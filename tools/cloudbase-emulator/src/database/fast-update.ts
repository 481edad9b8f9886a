import { isDeepStrictEqual } from 'node:util'
import { isPlainObject, type Doc } from './ejson'

const FAST_OPERATORS = new Set(['$set', '$inc', '$unset'])

function plainPath(path: string): string[] | undefined {
  const segments = path.split('.')
  // Numeric segments address array elements, where MongoDB's rules are subtle: leave to mingo.
  return segments.every((s) => s !== '' && !/^\d+$/.test(s) && !s.startsWith('$'))
    ? segments
    : undefined
}

function conflicts(paths: string[]): boolean {
  const sorted = [...paths].sort()
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] ?? ''
    const cur = sorted[i] ?? ''
    if (cur === prev || cur.startsWith(`${prev}.`)) return true
  }
  return false
}

/**
 * `$set` / `$inc` / `$unset` on plain object paths, the shape of nearly every update the SDK
 * sends, applied without mingo's per-call operator setup (about a millisecond each). Anything
 * else — arrays on the path, numeric segments, other operators, conflicting paths — returns
 * undefined so the caller hands it to mingo, which also produces the MongoDB errors.
 */
export function fastUpdate(doc: Doc, modifier: Doc): { doc: Doc; changed: boolean } | undefined {
  const ops: Array<{ op: string; segments: string[]; value: unknown }> = []
  const paths: string[] = []
  for (const [op, fields] of Object.entries(modifier)) {
    if (!FAST_OPERATORS.has(op) || !isPlainObject(fields)) return undefined
    for (const [path, value] of Object.entries(fields)) {
      const segments = plainPath(path)
      if (segments === undefined) return undefined
      if (op === '$inc' && typeof value !== 'number') return undefined
      ops.push({ op, segments, value })
      paths.push(path)
    }
  }
  if (ops.length === 0 || conflicts(paths)) return undefined
  const next = structuredClone(doc)
  let changed = false
  for (const { op, segments, value } of ops) {
    let parent: Doc = next
    for (const segment of segments.slice(0, -1)) {
      const child = parent[segment]
      if (child === undefined || child === null) {
        if (op === '$unset') break
        const created: Doc = {}
        parent[segment] = created
        parent = created
      } else if (isPlainObject(child)) {
        parent = child
      } else {
        return undefined
      }
    }
    const leaf = segments[segments.length - 1] ?? ''
    const current = parent[leaf]
    if (op === '$unset') {
      if (leaf in parent) {
        delete parent[leaf]
        changed = true
      }
    } else if (op === '$inc') {
      if (current !== undefined && current !== null && typeof current !== 'number') return undefined
      parent[leaf] = (typeof current === 'number' ? current : 0) + (value as number)
      changed ||= parent[leaf] !== current
    } else {
      if (!isDeepStrictEqual(current, value)) {
        parent[leaf] = structuredClone(value)
        changed = true
      }
    }
  }
  return { doc: next, changed }
}
