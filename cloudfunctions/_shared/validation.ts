// Schema builders with Chinese messages, on valibot. Every string, list and number gets a bound:
// a schema without one does not compile through these helpers, because each builder asks for it.
import * as v from 'valibot'
import type { ApiError } from '../../typings/api/envelope'

export type Schema<T> = v.GenericSchema<unknown, T>

/** A message that says "missing" when the field is absent and `wrong` otherwise. */
const typed =
  (label: string, wrong: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    issue.received === 'undefined' ? `请填写${label}` : `${label}${wrong}`

export interface TextOptions {
  readonly min?: number
  readonly max: number
  readonly pattern?: RegExp
  readonly patternMessage?: string
}

/** A trimmed string with a length range; `min` defaults to 1 (required, non-blank). */
export function text(label: string, options: TextOptions): Schema<string> {
  const min = options.min ?? 1
  const base = v.pipe(
    v.string(typed(label, '须为文本')),
    // A cheap bound before trimming, so a megabyte string is refused without work.
    v.maxLength(options.max * 4 + 64, `${label}不能超过 ${options.max} 个字`),
    v.trim(),
    v.minLength(min, min === 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
    v.maxLength(options.max, `${label}不能超过 ${options.max} 个字`),
  )
  return options.pattern
    ? v.pipe(base, v.regex(options.pattern, options.patternMessage ?? `${label}格式不正确`))
    : base
}

export interface IntOptions {
  readonly min: number
  readonly max: number
}

export function int(label: string, options: IntOptions): Schema<number> {
  return v.pipe(
    v.number(typed(label, '须为数字')),
    v.integer(`${label}须为整数`),
    v.minValue(options.min, `${label}不能小于 ${options.min}`),
    v.maxValue(options.max, `${label}不能大于 ${options.max}`),
  )
}

export function bool(label: string): Schema<boolean> {
  return v.boolean(typed(label, '须为是或否'))
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  label: string,
  options: T,
): Schema<T[number]> {
  return v.picklist(options, typed(label, '取值不正确'))
}

export function list<T>(label: string, item: Schema<T>, options: { min?: number; max: number }) {
  return v.pipe(
    v.array(item, typed(label, '须为列表')),
    v.minLength(options.min ?? 0, `${label}至少 ${options.min ?? 0} 项`),
    v.maxLength(options.max, `${label}最多 ${options.max} 项`),
  ) as Schema<T[]>
}

/**
 * An object that rejects fields it does not declare. A missing field is reported with that
 * field's own message ("请填写身份证号"), found by asking its schema about `undefined`.
 */
export const obj = <const E extends v.ObjectEntries>(entries: E) =>
  v.strictObject(entries, (issue) => {
    const key = /^"(.+)"$/.exec(issue.expected ?? '')?.[1]
    const entry = key !== undefined && Object.hasOwn(entries, key) ? entries[key] : undefined
    if (issue.received === 'undefined' && entry) {
      const own = v.safeParse(entry, undefined)
      if (!own.success && own.issues[0]) return own.issues[0].message
    }
    return '格式不正确'
  })

/** An optional field that, when present, must be valid (absent ≠ `undefined` under exactOptional). */
export const opt = <S extends v.GenericSchema>(schema: S) => v.exactOptional(schema)

/** CloudBase document ids: our own are ASCII; 64 is ample and keeps queries cheap. */
export const docId = (label: string) =>
  text(label, { max: 64, pattern: /^[A-Za-z0-9_:-]+$/, patternMessage: `${label}格式不正确` })

/** A cloud storage file id (`cloud://env.bucket/path`). */
export const fileId = (label: string) =>
  text(label, {
    max: 512,
    pattern: /^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/,
    patternMessage: `${label}不是有效的云存储文件`,
  })

/** A client request id for idempotent writes. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

function fieldOf(issue: v.BaseIssue<unknown>): string | undefined {
  const keys = (issue.path ?? []).map((p) => String(p.key))
  return keys.length ? keys.join('.') : undefined
}

const HAS_CJK = /[\u4e00-\u9fff]/

/** The first issue as an API error with a Chinese message and the dotted field path. */
export function issueToError(issues: readonly v.BaseIssue<unknown>[], prefix?: string): ApiError {
  const issue = issues[0]
  if (!issue) return { code: 'INVALID_INPUT', message: '请求格式不正确' }
  const path = fieldOf(issue)
  const field = prefix ? (path ? `${prefix}.${path}` : prefix) : path
  let message: string
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const key = issue.path?.[issue.path.length - 1]?.key
    message = `不支持的字段「${String(key).slice(0, 40)}」`
  } else if (HAS_CJK.test(issue.message)) {
    message = issue.message
  } else if (issue.type === 'strict_object' || issue.type === 'object') {
    message = issue.received === 'undefined' ? '缺少必填项' : '格式不正确'
  } else {
    message = '格式不正确'
  }
  return field === undefined
    ? { code: 'INVALID_INPUT', message }
    : { code: 'INVALID_INPUT', message, field }
}

export function parse<T>(
  schema: Schema<T>,
  value: unknown,
  prefix?: string,
): { ok: true; value: T } | { ok: false; error: ApiError } {
  const res = v.safeParse(schema, value)
  return res.success
    ? { ok: true, value: res.output }
    : { ok: false, error: issueToError(res.issues, prefix) }
}
