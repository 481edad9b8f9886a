import { describe, expect, it } from 'vitest'
import { isPrcPassportFormat, validatePassport } from '../../../../miniprogram/core/identity'
import { type CheckRow, HOSTILE_INPUTS, describeInput, expectCheck } from './check-rows'

const ok = (value: string, input: unknown = value): CheckRow => ({ input, ok: true, value })
const bad = (value: string, error: string, input: unknown = value): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

const VALID: readonly CheckRow[] = [
  ok('E12345678'),
  ok('EA1234567'),
  ok('EH7654321'),
  ok('EZ0000001'),
  ok('DE1234567'),
  ok('SE1234567'),
  ok('PE1234567'),
  ok('G12345678'),
  ok('P12345678'),
  ok('S12345678'),
  ok('D12345678'),
  ok('E12345678', 'e12345678'),
  ok('E12345678', 'E 1234 5678'),
  ok('E12345678', 'Ｅ１２３４５６７８'),
  // Foreign passports: free-form 5–20 letters or digits.
  ok('L898902C3'),
  ok('C01X00T47'),
  ok('123456789'),
  ok('X1234567'),
  ok('AB12345'),
  ok('12345'),
  ok('A1B2C3D4E5F6G7H8I9J0'),
  ok('TR1234567', 'tr1234567'),
  ok('K0123456'),
]

const INVALID: readonly CheckRow[] = [
  bad('1234', 'ID_FORMAT'),
  bad('E', 'ID_FORMAT'),
  bad('A1B2C3D4E5F6G7H8I9J0K', 'ID_FORMAT'),
  bad('E1234-5678', 'ID_FORMAT'),
  bad('E12345678!', 'ID_FORMAT'),
  bad('护照123456', 'ID_FORMAT'),
  bad('E12345678/', 'ID_FORMAT'),
  bad('É1234567', 'ID_FORMAT'),
  bad('E_12345678', 'ID_FORMAT'),
  bad('E1234.5678', 'ID_FORMAT'),
  bad('#12345', 'ID_FORMAT'),
  bad('', 'FIELD_REQUIRED'),
  bad('', 'FIELD_REQUIRED', '   '),
  bad('', 'FIELD_NOT_TEXT', 123456789),
  bad('', 'FIELD_NOT_TEXT', null),
  bad('', 'FIELD_NOT_TEXT', ['E12345678']),
  bad('', 'FIELD_TOO_LONG', 'E'.repeat(257)),
]

// With nationality CHN the number must be a PRC passport format.
const CHN_INVALID: readonly CheckRow[] = [
  bad('X1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('E1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('E123456789', 'ID_PASSPORT_PRC_FORMAT'),
  bad('EI1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('EO1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('EAB123456', 'ID_PASSPORT_PRC_FORMAT'),
  bad('AE1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('DE12345678', 'ID_PASSPORT_PRC_FORMAT'),
  bad('H12345678', 'ID_PASSPORT_PRC_FORMAT'),
  bad('G1234567', 'ID_PASSPORT_PRC_FORMAT'),
  bad('L898902C3', 'ID_PASSPORT_PRC_FORMAT'),
  bad('123456789', 'ID_PASSPORT_PRC_FORMAT'),
]

describe('validatePassport', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validatePassport(row.input), row)
  })
  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validatePassport(row.input), row)
  })
  it.each(CHN_INVALID)('refuses $input for a PRC holder', (row) => {
    expectCheck(validatePassport(row.input, 'CHN'), row)
  })
  it.each(VALID.slice(0, 14))('accepts PRC format $input for a PRC holder', (row) => {
    expectCheck(validatePassport(row.input, 'CHN'), row)
  })
  it('tells PRC formats from foreign ones', () => {
    expect(['E12345678', 'EA1234567', 'DE1234567', 'G12345678'].map(isPrcPassportFormat)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(['L898902C3', 'E1234567', 'EI1234567', 'e12345678'].map(isPrcPassportFormat)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validatePassport(input).ok).toBe(false)
    },
  )
})
