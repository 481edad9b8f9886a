import { describe, expect, it } from 'vitest'
import { monthOf, monthRange, shiftMonth } from '../../../miniprogram/core/month-range'

// 2026-12-31 20:00 UTC is already 2027-01-01 in China.
const NEW_YEAR_IN_CHINA = new Date('2026-12-31T20:00:00Z')

describe('month range', () => {
  it('reads the month in China time', () => {
    expect(monthOf(NEW_YEAR_IN_CHINA)).toBe('2027-01')
    expect(monthOf(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12')
  })

  it('defaults to the current month and the five before, across a year end', () => {
    const r = monthRange({}, NEW_YEAR_IN_CHINA)
    expect(r.ok && r.value.months).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ])
  })

  it('bounds the range by the China start of the first month and of the month after the last', () => {
    const r = monthRange({ fromMonth: '2026-10', toMonth: '2026-11' }, NEW_YEAR_IN_CHINA)
    if (!r.ok) throw new Error(r.error.message)
    expect(new Date(r.value.startMs).toISOString()).toBe('2026-09-30T16:00:00.000Z')
    expect(new Date(r.value.endMs).toISOString()).toBe('2026-11-30T16:00:00.000Z')
  })

  it('accepts 24 months and refuses 25, a reversed range and text that is not a month', () => {
    const now = NEW_YEAR_IN_CHINA
    const longest = monthRange({ fromMonth: '2025-02', toMonth: '2027-01' }, now)
    expect(longest.ok && longest.value.months.length).toBe(24)
    expect(monthRange({ fromMonth: '2025-01', toMonth: '2027-01' }, now)).toEqual({
      ok: false,
      error: { code: 'RANGE_TOO_LONG', message: '统计范围最长 24 个月', field: 'fromMonth' },
    })
    expect(monthRange({ fromMonth: '2026-05', toMonth: '2026-04' }, now)).toEqual({
      ok: false,
      error: { code: 'RANGE_ORDER', message: '起始月份不能晚于结束月份', field: 'fromMonth' },
    })
    for (const bad of ['2026-00', '2026-13', '26-01', '1999-12', '']) {
      const r = monthRange({ fromMonth: bad, toMonth: '2026-04' }, now)
      expect(!r.ok && r.error.code).toBe('MONTH_FORMAT')
    }
    const to = monthRange({ toMonth: '2026/04' }, now)
    expect(!to.ok && [to.error.message, to.error.field]).toEqual(['结束月份格式不正确', 'toMonth'])
  })

  it('shifts months across years and leaves unreadable text alone', () => {
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-11', 14)).toBe('2028-01')
    expect(shiftMonth('abc', 3)).toBe('abc')
  })
})
