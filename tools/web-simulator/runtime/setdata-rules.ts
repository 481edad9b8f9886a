// Pure rules for setData traffic (no platform): how big a call is, and whether it resends a
// whole list that a path update would have covered. Installed by setdata-meter.ts.

export const SET_DATA_LIMIT_BYTES = 256 * 1024
/**
 * The rule is about list pages: a case list, an inbox, a queue. A detail page's handful of
 * timeline rows costs nothing to resend, so lists shorter than a page of results are not judged.
 */
export const LIST_MIN_ITEMS = 10

export interface SetDataViolation {
  readonly component: string
  readonly key: string
  readonly kind: 'oversize' | 'whole-list'
  readonly detail: string
}

const encoder = new TextEncoder()

function byteSize(value: unknown): number {
  try {
    return encoder.encode(JSON.stringify(value) ?? '').length
  } catch {
    return 0
  }
}

function readPath(data: unknown, path: string): unknown {
  let cur: unknown = data
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Why sending `next` over `prev` resends a list, or null when it does not. */
export function wholeListResend(prev: unknown, next: unknown): string | null {
  if (!Array.isArray(prev) || !Array.isArray(next) || prev.length < LIST_MIN_ITEMS) return null
  if (next.length === prev.length) {
    let changed = 0
    for (let i = 0; i < next.length; i += 1) if (!same(prev[i], next[i])) changed += 1
    return changed === 1 ? `${next.length} 项中只有 1 项变化，却整表重发` : null
  }
  if (next.length > prev.length && prev.every((item, i) => same(item, next[i]))) {
    return `追加 ${next.length - prev.length} 项，却重发了已有的 ${prev.length} 项`
  }
  return null
}

/** Inspects one setData call against the data it is about to change. */
export function inspectSetData(
  componentPath: string,
  current: unknown,
  patch: Record<string, unknown>,
  checkLists: boolean,
): { bytes: number; violations: SetDataViolation[] } {
  const bytes = byteSize(patch)
  const violations: SetDataViolation[] = []
  if (bytes > SET_DATA_LIMIT_BYTES) {
    violations.push({
      component: componentPath,
      key: Object.keys(patch).join(','),
      kind: 'oversize',
      detail: `单次 setData ${Math.round(bytes / 1024)} KB，超过 256 KB`,
    })
  }
  if (checkLists) {
    for (const [key, value] of Object.entries(patch)) {
      const why = wholeListResend(readPath(current, key), value)
      if (why) violations.push({ component: componentPath, key, kind: 'whole-list', detail: why })
    }
  }
  return { bytes, violations }
}
