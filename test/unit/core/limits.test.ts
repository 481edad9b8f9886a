import { describe, expect, it } from 'vitest'
import * as limits from '../../../miniprogram/core/limits'

describe('limits', () => {
  it('fixes the text limits the schemas share', () => {
    expect(limits.MAX_DESCRIPTION_LENGTH).toBe(2000)
    expect(limits.MAX_REASON_LENGTH).toBe(500)
    expect(limits.MAX_CLAIM_LENGTH).toBe(500)
    expect([limits.MIN_PERSON_NAME_LENGTH, limits.MAX_PERSON_NAME_LENGTH]).toEqual([2, 30])
    expect([limits.MIN_ENTERPRISE_NAME_LENGTH, limits.MAX_ENTERPRISE_NAME_LENGTH]).toEqual([2, 60])
  })

  it('fixes the collection limits', () => {
    expect(limits.MAX_EVIDENCE_FILES).toBe(20)
    expect(limits.MAX_PAGE_SIZE).toBe(50)
    expect(limits.DEFAULT_PAGE_SIZE).toBeLessThanOrEqual(limits.MAX_PAGE_SIZE)
    expect(limits.MAX_CASE_NUMBER_LENGTH).toBe(32)
  })

  it('keeps amounts as integer fen from 0 to 10^12 yuan, inside the safe-integer range', () => {
    expect(limits.MIN_AMOUNT_FEN).toBe(0)
    expect(limits.MAX_AMOUNT_FEN).toBe(10 ** 12 * limits.FEN_PER_YUAN)
    expect(Number.isSafeInteger(limits.MAX_AMOUNT_FEN)).toBe(true)
  })

  it.each([
    [0, true],
    [1, true],
    [100_000_000_000_000, true],
    [100_000_000_000_001, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    ['100', false],
    [null, false],
  ])('isAmountFen(%o) is %s', (value, expected) => {
    expect(limits.isAmountFen(value)).toBe(expected)
  })
})
