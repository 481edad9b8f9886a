import { describe, expect, it } from 'vitest'
import {
  validateHkMoTravelPermit,
  validateTwTravelPermit,
} from '../../../../miniprogram/core/identity'
import { type CheckRow, HOSTILE_INPUTS, describeInput, expectCheck } from './check-rows'

const ok = (value: string, input: unknown = value, warnings: string[] = []): CheckRow => ({
  input,
  ok: true,
  value,
  warnings,
})
const bad = (value: string, input: unknown = value, error = 'ID_FORMAT'): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

const HK_MO_VALID: readonly CheckRow[] = [
  ok('H12345678'),
  ok('M87654321'),
  ok('H00000001'),
  ok('M99999999'),
  ok('H60218412'),
  ok('M10293847'),
  ok('H55667788'),
  ok('M01234567'),
  ok('H1234567801'),
  ok('M8765432102'),
  ok('H6021841203'),
  ok('H12345678', 'h12345678'),
  ok('M87654321', 'm87654321'),
  ok('H12345678', 'H 1234 5678'),
  ok('H12345678', ' H12345678 '),
  ok('H12345678', 'Ｈ１２３４５６７８'),
  ok('H1234567801', 'H12345678(01)'),
  ok('H1234567801', 'H12345678（01）'),
  ok('M8765432110', 'M87654321 10'),
  ok('H98765432'),
  ok('M11223344'),
]

const HK_MO_INVALID: readonly CheckRow[] = [
  bad('H1234567'),
  bad('H123456789'),
  bad('H12345678901'),
  bad('H123456780'),
  bad('K12345678'),
  bad('12345678'),
  bad('HH1234567'),
  bad('M1234567X'),
  bad('HM12345678'),
  bad('H1234-5678'),
  bad('H12345678A'),
  bad('C12345678'),
  bad('W12345678'),
  bad('810000199001010019'),
  bad('H'),
  bad('H1234567', 'H１２３４５６７'),
  bad('', '', 'FIELD_REQUIRED'),
  bad('', '  ', 'FIELD_REQUIRED'),
  bad('', 12345678, 'FIELD_NOT_TEXT'),
  bad('', null, 'FIELD_NOT_TEXT'),
  bad('', 'H'.repeat(300), 'FIELD_TOO_LONG'),
]

const ONE_TIME = ['ID_TW_PERMIT_ONE_TIME']

const TW_VALID: readonly CheckRow[] = [
  ok('12345678'),
  ok('00000001'),
  ok('87654321'),
  ok('10293847'),
  ok('55667788'),
  ok('99999999'),
  ok('01234567'),
  ok('12345678', '1234 5678'),
  ok('12345678', '１２３４５６７８'),
  ok('12345678', '\t12345678\n'),
  ok('1234567801', '1234567801', ONE_TIME),
  ok('1234567801', '12345678(01)', ONE_TIME),
  ok('1234567801', '12345678（01）', ONE_TIME),
  ok('T123456789', 'T123456789', ONE_TIME),
  ok('T123456789', 't123456789', ONE_TIME),
  ok('AB1234567890', 'AB1234567890', ONE_TIME),
  ok('A12345678B', 'A12345678B', ONE_TIME),
  ok('12345678901', '12345678901', ONE_TIME),
  ok('ZX00000001', 'zx00000001', ONE_TIME),
  ok('098765432109', '098765432109', ONE_TIME),
  ok('11223344'),
]

const TW_INVALID: readonly CheckRow[] = [
  bad('1234567'),
  bad('123456789'),
  bad('1234567890123'),
  bad('1234'),
  bad('A1234567'),
  bad('ABCDEFGH'),
  bad('1234-5678'),
  bad('12345678-01'),
  bad('AB123456789012'),
  bad('T12345678!'),
  bad('台胞12345678'),
  bad('12.345678'),
  bad('H12345678'),
  bad('1'),
  bad('123456789012345678'),
  bad('', '', 'FIELD_REQUIRED'),
  bad('', '\u3000', 'FIELD_REQUIRED'),
  bad('', 12345678, 'FIELD_NOT_TEXT'),
  bad('', Number.NaN, 'FIELD_NOT_TEXT'),
  bad('', {}, 'FIELD_NOT_TEXT'),
  bad('', '1'.repeat(1000), 'FIELD_TOO_LONG'),
]

describe('validateHkMoTravelPermit', () => {
  it.each(HK_MO_VALID)('accepts $input', (row) => {
    expectCheck(validateHkMoTravelPermit(row.input), row)
  })
  it.each(HK_MO_INVALID)('refuses $input', (row) => {
    expectCheck(validateHkMoTravelPermit(row.input), row)
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateHkMoTravelPermit(input).ok).toBe(false)
    },
  )
})

describe('validateTwTravelPermit', () => {
  it.each(TW_VALID)('accepts $input', (row) => {
    expectCheck(validateTwTravelPermit(row.input), row)
  })
  it.each(TW_INVALID)('refuses $input', (row) => {
    expectCheck(validateTwTravelPermit(row.input), row)
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateTwTravelPermit(input).ok).toBe(false)
    },
  )
})
