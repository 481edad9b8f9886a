import { describe, expect, it } from 'vitest'
import { usccCheckChar, validateUscc } from '../../../../miniprogram/core/identity'
import { type CheckRow, HOSTILE_INPUTS, describeInput, expectCheck } from './check-rows'

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

/** GB 32100-2015 written from its definition (weights 3^i mod 31 computed), to cross-check the tables. */
function referenceCheckChar(body17: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let sum = 0
  let weight = 1
  for (const ch of body17) {
    sum += charset.indexOf(ch) * weight
    weight = (weight * 3) % 31
  }
  return charset.charAt((31 - (sum % 31)) % 31)
}

const MISMATCH = ['USCC_CHECKSUM_MISMATCH']

// Check characters computed with an independent Python script.
const VALID: readonly CheckRow[] = [
  ok('91350100M000100Y43'),
  ok('91110000100000001W'),
  ok('91440300MA5D12345W'),
  ok('92310115MA1K3AB1C4'),
  ok('93330100MA2H0PQR56'),
  ok('11100000000013127D'),
  ok('12440000455858333D'),
  ok('51100000500000001A'),
  ok('52440300MA5F00001B'),
  ok('31110000400000009X'),
  ok('91320500MA1MXYW7AP'),
  ok('91510100MA61R8TU90'),
  ok('Y1110000MA00000X1W'),
  ok('N2330183MA2AAA0B1D'),
  ok('81110108MA00G0Q1W7'),
  ok('91650100MA77UWXY18'),
  ok('91420100MA4K0E1F29'),
  ok('91330000142916567N'),
  ok('91370200MA3C12345E'),
  ok('91500000MA5U7J8K92'),
  ok('913101157178000HHG'),
  ok('21110000717800001A'),
  ok('91350211M000000016'),
  // Normalisation: lower case, spaces, dashes, full-width characters.
  ok('91350100M000100Y43', '91350100m000100y43'),
  ok('91350100M000100Y43', '913501 00M000 100Y43'),
  ok('91350100M000100Y43', '91350100-M000100-Y43'),
  ok('91350100M000100Y43', '９１３５０１００Ｍ０００１００Ｙ４３'),
]

const WARNED: readonly CheckRow[] = [
  // Wrong check character: accepted, routed to manual review.
  ok('91350100M000100Y44', '91350100M000100Y44', MISMATCH),
  ok('91110000100000001X', '91110000100000001X', MISMATCH),
  ok('91440300MA5D12345Y', '91440300MA5D12345Y', MISMATCH),
  ok('92310115MA1K3AB1C5', '92310115MA1K3AB1C5', MISMATCH),
  ok('11100000000013127E', '11100000000013127E', MISMATCH),
  ok('91320500MA1MXYW7AQ', '91320500MA1MXYW7AQ', MISMATCH),
  ok('91350100M000100Y34', '91350100M000100Y34', MISMATCH),
  // A category the authority does not issue, or a region outside the province list.
  ok('94350100MA2XYW0018', '94350100MA2XYW0018', ['USCC_CATEGORY_UNUSUAL']),
  ok('9A350100MA2XYW001M', '9A350100MA2XYW001M', ['USCC_CATEGORY_UNUSUAL']),
  ok('1A110000MA00000011', '1A110000MA00000011', ['USCC_CATEGORY_UNUSUAL']),
  ok('Y2110000MA0000001U', 'Y2110000MA0000001U', ['USCC_CATEGORY_UNUSUAL']),
  ok('91990000MA2XYW0015', '91990000MA2XYW0015', ['USCC_REGION_UNUSUAL']),
  ok('91710100MA2XYW001U', '91710100MA2XYW001U', ['USCC_REGION_UNUSUAL']),
  ok('95990000MA2XYW001Q', '95990000MA2XYW001Q', ['USCC_CATEGORY_UNUSUAL', 'USCC_REGION_UNUSUAL']),
  ok('95990000MA2XYW001R', '95990000MA2XYW001R', [
    'USCC_CATEGORY_UNUSUAL',
    'USCC_REGION_UNUSUAL',
    'USCC_CHECKSUM_MISMATCH',
  ]),
]

const INVALID: readonly CheckRow[] = [
  bad('91350100M000100Y4', 'USCC_FORMAT'),
  bad('91350100M000100Y433', 'USCC_FORMAT'),
  bad('9135', 'USCC_FORMAT'),
  bad('91350100I000100Y43', 'USCC_FORMAT'),
  bad('91350100O000100Y43', 'USCC_FORMAT'),
  bad('91350100S000100Y43', 'USCC_FORMAT'),
  bad('91350100V000100Y43', 'USCC_FORMAT'),
  bad('91350100Z000100Y43', 'USCC_FORMAT'),
  bad('91350100M000100Y4!', 'USCC_FORMAT'),
  bad('91350100M000100Y4中', 'USCC_FORMAT'),
  bad('91350100M0001.0Y43', 'USCC_FORMAT'),
  bad('91AB0100M000100Y4T', 'USCC_FORMAT'),
  bad('9135010AM000100Y4K', 'USCC_FORMAT'),
  bad('B1110000MA0000001J', 'USCC_AUTHORITY_UNKNOWN'),
  bad('01110000MA0000001X', 'USCC_AUTHORITY_UNKNOWN'),
  bad('C1110000MA0000001X', 'USCC_AUTHORITY_UNKNOWN'),
  bad('X1110000MA0000001X', 'USCC_AUTHORITY_UNKNOWN'),
  bad('', 'FIELD_REQUIRED'),
  bad('', 'FIELD_REQUIRED', '  '),
  bad('', 'FIELD_NOT_TEXT', 913501001),
  bad('', 'FIELD_NOT_TEXT', null),
  bad('', 'FIELD_TOO_LONG', '9'.repeat(300)),
]

describe('validateUscc', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validateUscc(row.input), row)
  })
  it.each(WARNED)('accepts $input with warnings', (row) => {
    expectCheck(validateUscc(row.input), row)
  })
  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validateUscc(row.input), row)
  })
  it('tables agree with an independent GB 32100 implementation', () => {
    for (const row of VALID) expect(referenceCheckChar(row.value.slice(0, 17))).toBe(row.value[17])
    for (const row of WARNED.filter((r) => r.warnings?.includes('USCC_CHECKSUM_MISMATCH'))) {
      expect(referenceCheckChar(row.value.slice(0, 17))).not.toBe(row.value[17])
    }
  })
  it('usccCheckChar refuses bodies it cannot read', () => {
    expect(usccCheckChar('9135')).toBeUndefined()
    expect(usccCheckChar('91350100I000100Y4')).toBeUndefined()
    expect(usccCheckChar('91350100M000100Y4')).toBe('3')
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateUscc(input).ok).toBe(false)
    },
  )
})
