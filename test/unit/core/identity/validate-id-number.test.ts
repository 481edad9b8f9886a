import { describe, expect, it } from 'vitest'
import {
  ID_TYPES,
  getIdType,
  isIdType,
  validateIdNumber,
} from '../../../../miniprogram/core/identity'
import { type CheckRow, expectCheck } from './check-rows'

const NOW = new Date('2026-12-01T12:00:00Z')

const ROWS: readonly (readonly [unknown, CheckRow])[] = [
  ['resident_id', { input: '11010519491231002x', ok: true, value: '11010519491231002X' }],
  [
    'resident_id',
    {
      input: '110105190002290017',
      ok: false,
      value: '110105190002290017',
      error: 'ID_BIRTH_DATE_INVALID',
    },
  ],
  [
    'resident_id',
    {
      input: '810000199001010019',
      ok: false,
      value: '810000199001010019',
      error: 'ID_TYPE_MISMATCH',
    },
  ],
  ['hmt_residence_permit', { input: '810000199001010019', ok: true, value: '810000199001010019' }],
  [
    'hmt_residence_permit',
    {
      input: '11010519491231002X',
      ok: false,
      value: '11010519491231002X',
      error: 'ID_PERMIT_AREA',
    },
  ],
  ['hk_mo_travel_permit', { input: 'h12345678', ok: true, value: 'H12345678' }],
  ['hk_mo_travel_permit', { input: '12345678', ok: false, value: '12345678', error: 'ID_FORMAT' }],
  ['tw_travel_permit', { input: '12345678', ok: true, value: '12345678' }],
  ['tw_travel_permit', { input: 'H12345678', ok: false, value: 'H12345678', error: 'ID_FORMAT' }],
  ['passport', { input: 'e12345678', ok: true, value: 'E12345678' }],
  ['passport', { input: 'L898902C3', ok: true, value: 'L898902C3' }],
  ['passport', { input: '1234', ok: false, value: '1234', error: 'ID_FORMAT' }],
  [
    'foreign_permanent_resident',
    { input: '911156199001010109', ok: true, value: '911156199001010109' },
  ],
  ['foreign_permanent_resident', { input: 'USA110090010101', ok: true, value: 'USA110090010101' }],
  [
    'foreign_permanent_resident',
    {
      input: '911156199001010100',
      ok: false,
      value: '911156199001010100',
      error: 'ID_CHECK_DIGIT',
    },
  ],
  [
    'id_card',
    {
      input: '11010519491231002X',
      ok: false,
      value: '11010519491231002X',
      error: 'ID_TYPE_UNKNOWN',
    },
  ],
  [
    '',
    {
      input: '11010519491231002X',
      ok: false,
      value: '11010519491231002X',
      error: 'ID_TYPE_UNKNOWN',
    },
  ],
  [undefined, { input: 42, ok: false, value: '', error: 'ID_TYPE_UNKNOWN' }],
  [{}, { input: 'x', ok: false, value: 'x', error: 'ID_TYPE_UNKNOWN' }],
  ['toString', { input: 'x', ok: false, value: 'x', error: 'ID_TYPE_UNKNOWN' }],
  ['__proto__', { input: 'x', ok: false, value: 'x', error: 'ID_TYPE_UNKNOWN' }],
]

describe('validateIdNumber', () => {
  it.each(ROWS)('%s: %o', (idType, row) => {
    expectCheck(validateIdNumber(idType, row.input, NOW), row)
  })

  it('reports an unknown type on the idType field', () => {
    expect(validateIdNumber('driving_licence', 'x', NOW).error?.field).toBe('idType')
  })
})

describe('ID_TYPES', () => {
  it('lists the six document types in display order with Chinese labels', () => {
    expect(ID_TYPES.map((t) => [t.code, t.label])).toEqual([
      ['resident_id', '居民身份证'],
      ['hmt_residence_permit', '港澳台居民居住证'],
      ['hk_mo_travel_permit', '港澳居民来往内地通行证'],
      ['tw_travel_permit', '台湾居民来往大陆通行证'],
      ['passport', '护照'],
      ['foreign_permanent_resident', '外国人永久居留身份证'],
    ])
  })

  it('allows face verification for the resident ID only', () => {
    expect(ID_TYPES.filter((t) => t.faceVerification).map((t) => t.code)).toEqual(['resident_id'])
  })

  it('lets persons and enterprise representatives use every document', () => {
    for (const t of ID_TYPES) expect([...t.partyTypes].sort()).toEqual(['enterprise', 'person'])
  })

  it('looks types up as Outcomes', () => {
    const found = getIdType('passport')
    expect(found.ok && found.value.label).toBe('护照')
    const missing = getIdType('hukou')
    expect(missing).toEqual({
      ok: false,
      error: { code: 'ID_TYPE_UNKNOWN', message: '证件类型无效，请重新选择', field: 'idType' },
    })
    expect(isIdType('resident_id')).toBe(true)
    expect(isIdType('RESIDENT_ID')).toBe(false)
    expect(isIdType(null)).toBe(false)
  })
})
