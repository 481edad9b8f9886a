// Generators of hostile payloads, shared by every fuzz suite: mutations of a valid payload at any
// depth (wrong types, missing and extra fields, oversized strings/lists/numbers, NaN/Infinity/-0,
// deep nesting, prototype keys) and a fixed corpus of unicode, RegExp and path-traversal inputs.
import fc from 'fast-check'

type Path = readonly (string | number)[]

/** Unicode edge cases: ZWJ emoji, RTL override, zero-width, lone surrogates, combining, NUL. */
export const UNICODE_CORPUS: readonly string[] = [
  '👨‍👩‍👧‍👦',
  '调解👩🏽‍⚖️员',
  '\u202Egnp.exe\u202C',
  'a\u200Bb\u200C\u200D',
  '\uFEFF货款',
  '\uD800',
  'x\uDFFF',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z\u0334\u0321\u0322\u0349\u0344',
  'a\u0000b',
  '\u0000',
  '\u3000\u00A0',
]

/** RegExp metacharacters: what a search field must treat as plain text. */
export const REGEXP_CORPUS: readonly string[] = [
  '.*',
  '(a+)+$',
  '[',
  '\\',
  '^(a|aa)+$',
  '王.*',
  '(?<x>',
  '*',
  '+?{1,}',
  '$where',
]

/** Path traversal and odd paths, as file names and as file ids. */
export const PATH_CORPUS: readonly string[] = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '..\\..\\boot.ini',
  'cloud://demo-local.bucket/../../etc/passwd',
  'cloud://demo-local.bucket/private/%2e%2e/%2e%2e/identity/front.jpg',
]

/** Every fixed hostile string, for any text field. */
export const HOSTILE_CORPUS: readonly string[] = [
  ...UNICODE_CORPUS,
  ...REGEXP_CORPUS,
  ...PATH_CORPUS,
]

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']
const OPERATOR_KEYS = ['$where', '$ne', '$gt', '$regex', '$or', '_openid', 'openid', '_id']

const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { a: v }
  return v
}

/** Values of every wrong kind, including the ones JSON cannot carry. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...HOSTILE_CORPUS),
  fc.constantFrom('', ' ', '   \n\t', 'null', 'undefined', 'true', '0', '-1', '1e309'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    2 ** 31,
    0.5,
  ),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.constantFrom({ $ne: null }, { $gt: '' }, { $regex: '.*' }, [{ $where: '1' }]),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 40 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 8 }),
  fc.constantFrom('长'.repeat(5000), 'x'.repeat(70_000), deep(120, 'x'), deep(12, {})),
)

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone)
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    // defineProperty keeps `__proto__` an own key instead of setting the prototype.
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, k, { value: clone(x), enumerable: true, writable: true })
    }
    return out
  }
  return v
}

/** Paths of every node below the root (leaves and containers). */
export function pathsOf(v: unknown, prefix: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return []
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v)
  return entries.flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])])
}

/** Paths of the string leaves. */
export function stringPaths(v: unknown): Path[] {
  return pathsOf(v).filter((p) => typeof getAt(v, p) === 'string')
}

export function getAt(v: unknown, path: Path): unknown {
  let cur = v
  for (const k of path) cur = (cur as Record<string | number, unknown> | undefined)?.[k]
  return cur
}

const REMOVE = Symbol('remove')

/** A copy of `base` with the node at `path` replaced (or removed). */
export function setAt(base: unknown, path: Path, value: unknown): unknown {
  const out = clone(base)
  if (path.length === 0) return value
  const parent = getAt(out, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path[path.length - 1]!
  if (value === REMOVE) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1)
    else Reflect.deleteProperty(parent, key)
  } else {
    Object.defineProperty(parent, key, { value, enumerable: true, writable: true })
  }
  return out
}

/** The value at a path blown up past any limit, keeping its type. */
function oversized(v: unknown): unknown {
  if (typeof v === 'string') return (v || '长').repeat(Math.ceil(20_000 / Math.max(v.length, 1)))
  if (typeof v === 'number') return v < 0 ? -1e300 : 1e300
  if (Array.isArray(v))
    return Array.from({ length: 500 }, (): unknown => (v as unknown[])[0] ?? 'x')
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 'x']))
  }
  return v
}

/** One structural mutation of a valid payload, at any depth. */
export function mutationsOf(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(base)
  const containers: Path[] = [
    [],
    ...paths.filter((p) => {
      const v = getAt(base, p)
      return typeof v === 'object' && v !== null && !Array.isArray(v)
    }),
  ]
  const extraKey = fc.oneof(
    fc.constantFrom(...PROTO_KEYS, ...OPERATOR_KEYS),
    fc.string({ minLength: 1, maxLength: 12 }),
  )
  const added = fc
    .tuple(fc.constantFrom(...containers), extraKey, nastyValue)
    .map(([at, key, value]) => setAt(base, [...at, key], value))
  if (paths.length === 0) return fc.oneof(added, fc.constant(base))
  const path = fc.constantFrom(...paths)
  return fc.oneof(
    fc.tuple(path, nastyValue).map(([p, value]) => setAt(base, p, value)),
    path.map((p) => setAt(base, p, REMOVE)),
    path.map((p) => setAt(base, p, oversized(getAt(base, p)))),
    path.map((p) => setAt(base, p, deep(60, getAt(base, p)))),
    added,
  )
}

/** Whole payloads: anything at all, a bag of hostile fields, or a mutated valid payload. */
export function payloadsFor(base: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.constantFrom(...PROTO_KEYS, ...OPERATOR_KEYS), nastyValue, {
        maxKeys: 4,
      }),
    },
    { weight: 5, arbitrary: mutationsOf(base) },
  )
}

/** Mostly fresh valid request ids (so mutating actions get past the kernel), sometimes not. */
export const requestIds: fc.Arbitrary<string | undefined> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.string({
      minLength: 12,
      maxLength: 24,
      unit: fc.constantFrom(...'abcdefghijkmnpqrstuvwxyz0123456789_-'),
    }),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('../x', 'a'.repeat(65))),
  },
)

/** Runs multiplied by `FUZZ_RUNS` (a soak run sets it; `npm test` keeps the default of 1). */
export function runs(base: number): number {
  const factor = Number(process.env['FUZZ_RUNS'] ?? '1')
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)))
}

/** A seed per property: `FUZZ_SEED` (to replay a failure) or a fixed one mixed with the name. */
export function seedFor(name: string): number {
  const env = Number(process.env['FUZZ_SEED'])
  const base = Number.isInteger(env) ? env : 20_261_202
  let h = base | 0
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}
