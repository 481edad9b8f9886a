import { describe, expect, it } from 'vitest'
import {
  ageOn,
  compareDates,
  daysInMonth,
  formatCompactDate,
  formatIsoDate,
  isLeapYear,
  isRealDate,
  isValidInstant,
  parseCompactDate,
  shanghaiDate,
} from '../../../../miniprogram/core/identity'

describe('calendar', () => {
  it.each([
    [2000, true],
    [2024, true],
    [1900, false],
    [2100, false],
    [2026, false],
    [1600, true],
  ])('isLeapYear(%i) is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap)
  })

  it('knows month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ])
    expect(daysInMonth(2024, 2)).toBe(29)
  })

  it.each([
    [2024, 2, 29, true],
    [2023, 2, 29, false],
    [2023, 4, 31, false],
    [2023, 13, 1, false],
    [2023, 0, 1, false],
    [2023, 1, 0, false],
    [2023, 1.5, 1, false],
    [0, 1, 1, false],
  ])('isRealDate(%i, %i, %i) is %s', (y, m, d, real) => {
    expect(isRealDate(y, m, d)).toBe(real)
  })

  it('reads and writes compact dates', () => {
    expect(parseCompactDate('20240229')).toEqual({ year: 2024, month: 2, day: 29 })
    expect(parseCompactDate('20230229')).toBeUndefined()
    expect(parseCompactDate('2024022')).toBeUndefined()
    expect(parseCompactDate('2024-02-29')).toBeUndefined()
    expect(formatCompactDate({ year: 2024, month: 2, day: 9 })).toBe('20240209')
    expect(formatIsoDate({ year: 987, month: 12, day: 31 })).toBe('0987-12-31')
  })

  it('gives the Asia/Shanghai date at UTC+8', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toEqual({
      year: 2026,
      month: 12,
      day: 31,
    })
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 })
    expect(shanghaiDate(new Date('2024-02-28T16:00:00Z'))).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    })
  })

  it('compares dates and computes ages', () => {
    const a = { year: 2000, month: 2, day: 29 }
    expect(compareDates(a, { year: 2000, month: 3, day: 1 })).toBeLessThan(0)
    expect(compareDates(a, a)).toBe(0)
    expect(ageOn(a, { year: 2018, month: 2, day: 28 })).toBe(17)
    expect(ageOn(a, { year: 2018, month: 3, day: 1 })).toBe(18)
    expect(ageOn(a, { year: 2020, month: 2, day: 29 })).toBe(20)
  })

  it('tells valid instants from invalid ones', () => {
    expect(isValidInstant(new Date(0))).toBe(true)
    expect(isValidInstant(new Date(Number.NaN))).toBe(false)
    expect(isValidInstant(Date.now())).toBe(false)
    expect(isValidInstant('2026-12-01')).toBe(false)
  })
})
