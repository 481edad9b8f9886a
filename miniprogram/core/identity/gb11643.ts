/** GB 11643-1999 weights for digits 1–17 (2^(17−i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const

/** Check characters indexed by the weighted sum mod 11. */
const CHECK_CHARS = '10X98765432'

/**
 * The GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits of `body`, or
 * undefined when `body` does not start with 17 ASCII digits. Also used by residence permits and the
 * 2023 foreign permanent residence ID, which adopted the same scheme.
 */
export function gb11643CheckChar(body: string): string | undefined {
  if (!/^\d{17}/.test(body)) return undefined
  let sum = 0
  for (let i = 0; i < 17; i += 1) sum += Number(body.charAt(i)) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARS.charAt(sum % 11)
}

/** Whether an 18-character number carries the right GB 11643 check character. */
export function hasValidGb11643Check(value: string): boolean {
  return value.length === 18 && gb11643CheckChar(value) === value.charAt(17)
}
