import { expect } from 'vitest'
import { type FieldCheck } from '../../../../miniprogram/core/identity'

/** One table row: the input, then what the caller must get back. */
export interface CheckRow {
  readonly input: unknown
  readonly ok: boolean
  readonly value: string
  readonly warnings?: readonly string[]
  readonly error?: string
}

/** Asserts ok, the normalised value, the warning codes and the error code of a check. */
export function expectCheck(actual: FieldCheck, row: CheckRow): void {
  expect({
    ok: actual.ok,
    value: actual.value,
    warnings: actual.warnings.map((w) => w.code),
    error: actual.error?.code,
  }).toEqual({ ok: row.ok, value: row.value, warnings: row.warnings ?? [], error: row.error })
  if (actual.error !== undefined) expect(actual.error.message).toMatch(/[\u4e00-\u9fff]/)
  for (const w of actual.warnings) expect(w.message).toMatch(/[\u4e00-\u9fff]/)
}

/** A readable test title for a row's input. */
export function describeInput(input: unknown): string {
  if (typeof input === 'string')
    return input.length > 40 ? `"${input.slice(0, 20)}…" (${input.length} chars)` : `"${input}"`
  if (input instanceof Date) return 'a Date'
  return `${typeof input} ${JSON.stringify(input) ?? String(input)}`
}

/**
 * ISO 7064 MOD 11-2 written from its definition (weights 2^(17−i) mod 11 computed, not tabled),
 * to cross-check the hand-computed check digits in the tables.
 */
export function referenceMod11_2(body17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i += 1) {
    let weight = 1
    for (let k = 0; k < 17 - i; k += 1) weight = (weight * 2) % 11
    sum += Number(body17[i]) * weight
  }
  const r = (12 - (sum % 11)) % 11
  return r === 10 ? 'X' : String(r)
}

/** Inputs no validator may accept and none may throw on. */
export const HOSTILE_INPUTS: readonly unknown[] = [
  undefined,
  null,
  0,
  11010519491231002,
  Number.NaN,
  true,
  {},
  [],
  ['11010519491231002X'],
  { toString: () => '11010519491231002X' },
  Symbol('x'),
  () => '11010519491231002X',
  new Date(0),
  '',
  '   ',
  '\u3000\t\n',
  'x'.repeat(10_000),
  '\u0000\u0001',
  '😀😀😀😀😀',
]
