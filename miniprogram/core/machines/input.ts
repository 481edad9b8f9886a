import { failure, success, type Outcome } from '../result'

/** Longest free-text reason accepted with a command (rejections, closing notes). */
export const REASON_MAX_LENGTH = 500
/**
 * Longest id, reference number or file id accepted with a command: as long as the longest cloud
 * storage file id the functions accept (a generated document under `cases/<caseId>/documents/`
 * with a real case id is well over 128 characters).
 */
export const REFERENCE_MAX_LENGTH = 512

/** Reads one property of an untrusted command input (anything not an object has none). */
function prop(raw: unknown, field: string): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined
  return (raw as Record<string, unknown>)[field]
}

/** A required, trimmed, non-empty text of at most `max` characters, e.g. a rejection reason. */
export function readText(
  raw: unknown,
  field: string,
  label: string,
  max: number = REASON_MAX_LENGTH,
): Outcome<string, 'INVALID_INPUT'> {
  const value = prop(raw, field)
  if (typeof value !== 'string' || value.trim() === '') {
    return failure('INVALID_INPUT', `请填写${label}`, field)
  }
  const text = value.trim()
  if (text.length > max) return failure('INVALID_INPUT', `${label}不能超过 ${max} 个字`, field)
  return success(text)
}

/** An optional text: absent or blank → `null`; otherwise as `readText`. */
export function readOptionalText(
  raw: unknown,
  field: string,
  label: string,
  max: number = REASON_MAX_LENGTH,
): Outcome<string | null, 'INVALID_INPUT'> {
  const value = prop(raw, field)
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return success(null)
  }
  return readText(raw, field, label, max)
}

/** A required id or reference (document id, file id, filing number): no spaces, 1–128 chars. */
export function readReference(
  raw: unknown,
  field: string,
  label: string,
): Outcome<string, 'INVALID_INPUT'> {
  const value = prop(raw, field)
  if (typeof value !== 'string' || value.trim() === '') {
    return failure('INVALID_INPUT', `缺少${label}`, field)
  }
  const text = value.trim()
  if (text.length > REFERENCE_MAX_LENGTH || /\s/.test(text)) {
    return failure('INVALID_INPUT', `${label}格式不正确`, field)
  }
  return success(text)
}

/** A required whole number ≥ `min`. */
export function readInteger(
  raw: unknown,
  field: string,
  label: string,
  min: number,
): Outcome<number, 'INVALID_INPUT'> {
  const value = prop(raw, field)
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    return failure('INVALID_INPUT', `${label}应为不小于 ${min} 的整数`, field)
  }
  return success(value)
}

/** Whether `value` is one of `list`. */
export function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

/** A required choice from a fixed list. */
export function readChoice<T extends string>(
  raw: unknown,
  field: string,
  label: string,
  list: readonly T[],
): Outcome<T, 'INVALID_INPUT'> {
  const value = prop(raw, field)
  return oneOf(list, value) ? success(value) : failure('INVALID_INPUT', `${label}不正确`, field)
}
