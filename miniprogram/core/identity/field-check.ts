import { type CoreError } from '../result'
import { MAX_RAW_FIELD_LENGTH } from '../limits'

/** A soft finding: the value is accepted, but a person should look at it (manual review). */
export interface CoreWarning<C extends string = string> {
  readonly code: C
  readonly message: string
}

/** What every field validator returns: never throws, always carries the normalised value. */
export interface FieldCheck {
  readonly ok: boolean
  /** The normalised value (half-width, trimmed, canonical case); best effort when not ok. */
  readonly value: string
  readonly warnings: readonly CoreWarning[]
  readonly error?: CoreError
}

/** An accepted field, with optional warnings. */
export function accepted(value: string, warnings: readonly CoreWarning[] = []): FieldCheck {
  return { ok: true, value, warnings }
}

/** A refused field. */
export function refused(
  value: string,
  code: string,
  message: string,
  field: string,
  warnings: readonly CoreWarning[] = [],
): FieldCheck {
  return { ok: false, value, warnings, error: { code, message, field } }
}

/** A warning with its Chinese message. */
export function warning(code: string, message: string): CoreWarning {
  return { code, message }
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space become their half-width forms. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  )
}

/** Whitespace as people paste it: ASCII, no-break, ideographic and zero-width characters. */
const ANY_SPACE = /[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g

/** Removes every kind of whitespace (documents are often typed in groups: `110105 1949…`). */
export function stripSpaces(text: string): string {
  return text.replace(ANY_SPACE, '')
}

/** Trims and collapses whitespace runs to one ASCII space. */
export function collapseSpaces(text: string): string {
  return text.replace(ANY_SPACE, ' ').trim()
}

/** The outcome of reading untrusted input as text. */
export type TextRead =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly check: FieldCheck }

/**
 * Reads `input` as a non-empty string of bounded length, half-width and trimmed. Anything else
 * (numbers lose leading zeros and the X check digit, so they are refused too) becomes an error.
 */
export function readText(input: unknown, field: string, label: string): TextRead {
  if (typeof input !== 'string') {
    return {
      ok: false,
      check: refused('', 'FIELD_NOT_TEXT', `${label}必须以文字形式填写`, field),
    }
  }
  if (input.length > MAX_RAW_FIELD_LENGTH) {
    return {
      ok: false,
      check: refused('', 'FIELD_TOO_LONG', `${label}过长，请检查后重新填写`, field),
    }
  }
  const text = toHalfWidth(input).replace(ANY_SPACE, ' ').trim()
  if (text === '') {
    return { ok: false, check: refused('', 'FIELD_REQUIRED', `请填写${label}`, field) }
  }
  return { ok: true, text }
}

/** Number of Unicode code points (a rare Han character outside the BMP counts once). */
export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count += 1
  return count
}
