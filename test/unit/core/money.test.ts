import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../../miniprogram/core/money'

describe('formatMoney', () => {
  it('shows yuan with thousands separators and two decimals', () => {
    expect(formatMoney(12_345_600)).toBe('¥123,456.00')
    expect(formatMoney(12_000_050)).toBe('¥120,000.50')
    expect(formatMoney(1_234_567_89)).toBe('¥1,234,567.89')
  })

  it('keeps small amounts readable', () => {
    expect(formatMoney(0)).toBe('¥0.00')
    expect(formatMoney(5)).toBe('¥0.05')
    expect(formatMoney(100)).toBe('¥1.00')
  })

  it('shows nothing for a value that is not whole non-negative fen', () => {
    expect(formatMoney(-100)).toBe('')
    expect(formatMoney(12.5)).toBe('')
    expect(formatMoney(Number.NaN)).toBe('')
    expect(formatMoney(Number.POSITIVE_INFINITY)).toBe('')
  })
})
