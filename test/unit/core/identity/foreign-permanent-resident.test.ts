import { describe, expect, it } from 'vitest'
import { validateForeignPermanentResident } from '../../../../miniprogram/core/identity'
import {
  type CheckRow,
  HOSTILE_INPUTS,
  describeInput,
  expectCheck,
  referenceMod11_2,
} from './check-rows'

const ok = (value: string, input: unknown = value, warnings: string[] = []): CheckRow => ({
  input,
  ok: true,
  value,
  warnings,
})
const bad = (value: string, error: string, input: unknown = value): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

// 2023 numbers: 9 + province + numeric nationality + birth date + serial + MOD 11-2 check,
// check digits computed with an independent Python script.
const VALID: readonly CheckRow[] = [
  ok('911156199001010109'),
  ok('931840198512129992'),
  ok('944392200002298888'),
  ok('933410194910017770'),
  ok('932826197006306668'),
  ok('951276199912315550'),
  ok('93525020100715444X'),
  ok('937643196203183332'),
  ok('94203619780909222X'),
  ok('950124202002291117'),
  ok('912702198811119026'),
  ok('921764195505058911'),
  ok('946458199302147802'),
  ok('953360200508086794'),
  ok('961608198005205684'),
  ok('96570419721003457X'),
  ok('913356196612253467'),
  ok('914076201201012355'),
  ok('915484199806061240'),
  ok('922724198303170132'),
  ok('923380199509120020'),
  ok('934554201602290017'),
  ok('96570419721003457X', '96570419721003457x'),
  // 2017 and older: 3-letter nationality + 12 digits.
  ok('USA110090010101'),
  ok('GBR310085061512'),
  ok('JPN440099123101'),
  ok('KOR330070063002'),
  ok('USA110090010101', 'usa110090010101'),
  ok('USA110090010101', 'USA 1100 9001 0101'),
  // Check digit right, but positions 7–14 are not a date: accepted for manual review.
  ok('931840199013010019', '931840199013010019', ['ID_BIRTH_DATE_UNVERIFIED']),
  ok('944392202302300029', '944392202302300029', ['ID_BIRTH_DATE_UNVERIFIED']),
]

const INVALID: readonly CheckRow[] = [
  bad('911156199001010100', 'ID_CHECK_DIGIT'),
  bad('931840198512129993', 'ID_CHECK_DIGIT'),
  bad('944392200002298880', 'ID_CHECK_DIGIT'),
  bad('935250201007154440', 'ID_CHECK_DIGIT'),
  bad('96570419721003457', 'ID_FORMAT'),
  bad('9657041972100345700', 'ID_FORMAT'),
  bad('11010519491231002X', 'ID_FORMAT'),
  bad('810000199001010019', 'ID_FORMAT'),
  bad('9X5704197210034570', 'ID_FORMAT'),
  bad('US110090010101', 'ID_FORMAT'),
  bad('USA11009001010', 'ID_FORMAT'),
  bad('USA1100900101011', 'ID_FORMAT'),
  bad('US1A10090010101', 'ID_FORMAT'),
  bad('123110090010101', 'ID_FORMAT'),
  bad('USA-110090010101', 'ID_FORMAT'),
  bad('', 'FIELD_REQUIRED'),
  bad('', 'FIELD_REQUIRED', ' \n'),
  bad('', 'FIELD_NOT_TEXT', 91115619900101),
  bad('', 'FIELD_NOT_TEXT', Number.NaN),
  bad('', 'FIELD_NOT_TEXT', true),
  bad('', 'FIELD_TOO_LONG', '9'.repeat(400)),
]

describe('validateForeignPermanentResident', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validateForeignPermanentResident(row.input), row)
  })
  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validateForeignPermanentResident(row.input), row)
  })
  it('18-digit rows carry the independently computed check digit', () => {
    for (const row of VALID.filter((r) => r.value.length === 18)) {
      expect(referenceMod11_2(row.value.slice(0, 17))).toBe(row.value[17])
    }
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateForeignPermanentResident(input).ok).toBe(false)
    },
  )
})
