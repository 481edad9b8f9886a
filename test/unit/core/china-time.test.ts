import { describe, expect, it } from 'vitest'
import { chinaClock, chinaMinute, chinaParts } from '../../../miniprogram/core/china-time'

describe('China time', () => {
  it('shows an instant as China wall-clock time across a day and a year boundary', () => {
    expect(chinaMinute('2026-12-31T16:05:00.000Z')).toBe('2027-01-01 00:05')
    expect(chinaMinute('2026-03-05T06:07:00Z')).toBe('2026-03-05 14:07')
    expect(chinaClock(Date.parse('2026-12-01T02:42:00Z'))).toBe('10:42')
    expect(chinaParts(Date.parse('2026-02-28T17:00:00Z'))).toEqual({
      y: 2026,
      m: 3,
      d: 1,
      hh: '01',
      mm: '00',
    })
  })

  it('gives an empty text for a missing or unreadable time', () => {
    expect(chinaMinute(null)).toBe('')
    expect(chinaMinute(undefined)).toBe('')
    expect(chinaMinute('')).toBe('')
    expect(chinaMinute('not a time')).toBe('')
  })
})
