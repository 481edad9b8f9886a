import { describe, expect, it } from 'vitest'
import {
  CASE_NUMBER_PREFIXES,
  MAX_CASE_SEQUENCE,
  formatCaseNumber,
  parseCaseNumber,
} from '../../../miniprogram/core/case-number'
import { MAX_CASE_NUMBER_LENGTH } from '../../../miniprogram/core/limits'

const NOW = new Date('2026-12-01T12:00:00Z')

describe('formatCaseNumber', () => {
  it.each([
    ['mediation_case', 1, 'TJ20261201000001'],
    ['filing', 42, 'LA20261201000042'],
    ['judicial_confirmation', 123456, 'SQ20261201123456'],
    ['mediation_document', 999999, 'WS20261201999999'],
  ])('%s #%i → %s', (kind, seq, expected) => {
    expect(formatCaseNumber(kind, NOW, seq)).toEqual({ ok: true, value: expected })
  })

  it('uses the Asia/Shanghai date (UTC+8), not the UTC date', () => {
    expect(formatCaseNumber('mediation_case', new Date('2026-12-01T15:59:59.999Z'), 7)).toEqual({
      ok: true,
      value: 'TJ20261201000007',
    })
    expect(formatCaseNumber('mediation_case', new Date('2026-12-01T16:00:00Z'), 7)).toEqual({
      ok: true,
      value: 'TJ20261202000007',
    })
    expect(formatCaseNumber('filing', new Date('2026-12-31T16:00:00Z'), 1)).toEqual({
      ok: true,
      value: 'LA20270101000001',
    })
    expect(formatCaseNumber('filing', new Date('2028-02-28T16:30:00Z'), 1)).toEqual({
      ok: true,
      value: 'LA20280229000001',
    })
  })

  it('stays ASCII and within the subscribe-message limit', () => {
    for (const kind of Object.keys(CASE_NUMBER_PREFIXES)) {
      const result = formatCaseNumber(kind, NOW, MAX_CASE_SEQUENCE)
      expect(result.ok).toBe(true)
      if (result.ok) {
        expect(result.value).toMatch(/^[\x20-\x7e]+$/)
        expect(result.value.length).toBeLessThanOrEqual(MAX_CASE_NUMBER_LENGTH)
      }
    }
  })

  it.each([0, -1, 1_000_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '1', null, undefined])(
    'refuses sequence %o',
    (seq) => {
      const result = formatCaseNumber('mediation_case', NOW, seq)
      expect(!result.ok && result.error.code).toBe('CASE_NUMBER_SEQUENCE_RANGE')
    },
  )

  it.each(['', 'TJ', 'mediation', 'MEDIATION_CASE', 'toString', null, 1, {}])(
    'refuses kind %o',
    (kind) => {
      const result = formatCaseNumber(kind, NOW, 1)
      expect(!result.ok && result.error.code).toBe('CASE_NUMBER_KIND_UNKNOWN')
    },
  )

  it('refuses an invalid clock', () => {
    const result = formatCaseNumber('filing', new Date(Number.NaN), 1)
    expect(!result.ok && result.error.code).toBe('CASE_NUMBER_CLOCK_INVALID')
    const far = formatCaseNumber('filing', new Date(Date.UTC(12000, 0, 1)), 1)
    expect(!far.ok && far.error.code).toBe('CASE_NUMBER_CLOCK_INVALID')
  })
})

describe('parseCaseNumber', () => {
  it.each([
    ['TJ20261201000001', 'mediation_case', { year: 2026, month: 12, day: 1 }, 1],
    ['LA20270101000042', 'filing', { year: 2027, month: 1, day: 1 }, 42],
    ['SQ20280229123456', 'judicial_confirmation', { year: 2028, month: 2, day: 29 }, 123456],
    ['WS20261201999999', 'mediation_document', { year: 2026, month: 12, day: 1 }, 999999],
    [' tj20261201000001 ', 'mediation_case', { year: 2026, month: 12, day: 1 }, 1],
  ])('%s', (text, kind, date, sequence) => {
    expect(parseCaseNumber(text)).toEqual({ ok: true, value: { kind, date, sequence } })
  })

  it('round-trips every kind', () => {
    for (const kind of Object.keys(CASE_NUMBER_PREFIXES)) {
      const formatted = formatCaseNumber(kind, NOW, 314)
      if (!formatted.ok) throw new Error('format failed')
      const parsed = parseCaseNumber(formatted.value)
      expect(parsed.ok && parsed.value.kind).toBe(kind)
      expect(parsed.ok && parsed.value.sequence).toBe(314)
    }
  })

  it.each([
    'TJ2026120100001',
    'TJ202612010000001',
    'XX20261201000001',
    'TJ20270229000001',
    'TJ20261301000001',
    'TJ20261200000001',
    'TJ20261201000000',
    'TJ-20261201-000001',
    'ＴＪ20261201000001',
    '',
    'T'.repeat(100),
    null,
    20261201000001,
    {},
  ])('refuses %o', (text) => {
    const result = parseCaseNumber(text)
    expect(!result.ok && result.error.code).toBe('CASE_NUMBER_FORMAT')
  })
})
