// `a.b[0].c` paths, as `page.data(path)` sends them; JSON round trip so the reply carries no
// functions or cycles.
export function readPath(data: unknown, path: unknown): unknown {
  let v = data
  if (typeof path === 'string' && path) {
    for (const key of path
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)) {
      v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
    }
  }
  return toJson(v)
}

export function toJson(v: unknown): unknown {
  if (v === undefined) return null
  try {
    return JSON.parse(JSON.stringify(v)) as unknown
  } catch {
    return Object.prototype.toString.call(v)
  }
}

export function text(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `${v}`
  if (v === null || v === undefined) return ''
  try {
    return JSON.stringify(v)
  } catch {
    return Object.prototype.toString.call(v)
  }
}
