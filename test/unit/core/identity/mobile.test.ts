import { describe, expect, it } from 'vitest'
import { validateMobile } from '../../../../miniprogram/core/identity'
import { type CheckRow, HOSTILE_INPUTS, describeInput, expectCheck } from './check-rows'

const ok = (input: string, value: string): CheckRow => ({ input, ok: true, value })
const bad = (input: unknown, value: string, error = 'PHONE_FORMAT'): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

const VALID: readonly CheckRow[] = [
  ok('13812345678', '13812345678'),
  ok('13012345678', '13012345678'),
  ok('14712345678', '14712345678'),
  ok('15012345678', '15012345678'),
  ok('16612345678', '16612345678'),
  ok('17012345678', '17012345678'),
  ok('18812345678', '18812345678'),
  ok('19912345678', '19912345678'),
  ok('+8613812345678', '13812345678'),
  ok('+86 138 1234 5678', '13812345678'),
  ok('+86-139-1234-5678', '13912345678'),
  ok('(+86)13812345678', '13812345678'),
  ok('86 13812345678', '13812345678'),
  ok('8613812345678', '13812345678'),
  ok('008613812345678', '13812345678'),
  ok('138-1234-5678', '13812345678'),
  ok('138 1234 5678', '13812345678'),
  ok('138.1234.5678', '13812345678'),
  ok(' 13912345678 ', '13912345678'),
  ok('１３８１２３４５６７８', '13812345678'),
  ok('＋８６ １３８１２３４５６７８', '13812345678'),
  ok('13812345678\n', '13812345678'),
]

const INVALID: readonly CheckRow[] = [
  bad('12812345678', '12812345678'),
  bad('11012345678', '11012345678'),
  bad('10012345678', '10012345678'),
  bad('1381234567', '1381234567'),
  bad('138123456789', '138123456789'),
  bad('23812345678', '23812345678'),
  bad('+85261234567', '+85261234567'),
  bad('010-12345678', '01012345678'),
  bad('138 1234 567a', '1381234567a'),
  bad('86138123456', '86138123456'),
  bad('+1 4155552671', '+14155552671'),
  bad('+86 128 1234 5678', '12812345678'),
  bad('0086 1381234567', '1381234567'),
  bad('138１２３４５６７', '1381234567'),
  bad('138****5678', '138****5678'),
  bad('电话13812345678', '电话13812345678'),
  bad('13812345678 转 8', '13812345678转8'),
  bad('', '', 'FIELD_REQUIRED'),
  bad('   ', '', 'FIELD_REQUIRED'),
  bad(13812345678, '', 'FIELD_NOT_TEXT'),
  bad(null, '', 'FIELD_NOT_TEXT'),
  bad('1'.repeat(500), '', 'FIELD_TOO_LONG'),
]

describe('validateMobile', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validateMobile(row.input), row)
  })
  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validateMobile(row.input), row)
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      const result = validateMobile(input)
      expect(result.ok).toBe(false)
      expect(result.error?.field).toBe('phone')
    },
  )
})
