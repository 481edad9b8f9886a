import { describe, expect, it } from 'vitest'
import { validateHmtResidencePermit } from '../../../../miniprogram/core/identity'
import {
  type CheckRow,
  HOSTILE_INPUTS,
  describeInput,
  expectCheck,
  referenceMod11_2,
} from './check-rows'

const NOW = new Date('2026-12-01T12:00:00Z')

const valid = (value: string, input: unknown = value): CheckRow => ({ input, ok: true, value })
const invalid = (value: string, error: string, input: unknown = value): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

// Check digits computed with an independent Python script (ISO 7064 MOD 11-2).
const VALID: readonly CheckRow[] = [
  valid('810000199001010019'),
  valid('820000198512120022'),
  valid('830000200002290138'),
  valid('810000194910011243'),
  valid('820000197006302355'),
  valid('830000199912313460'),
  valid('810000201007154574'),
  valid('820000196203185683'),
  valid('830000197809096796'),
  valid('810000202002297802'),
  valid('820000198811118918'),
  valid('830000195505059022'),
  valid('810000199302141119'),
  valid('82000020050808222X'),
  valid('830000198005203335'),
  valid('810000197210034448'),
  valid('820000196612255558'),
  valid('830000201201016662'),
  valid('810000199806067776'),
  valid('820000198303178885'),
  valid('830000199509129997'),
  valid('810000201602290108'),
  valid('82000020050808222X', '82000020050808222x'),
  valid('810000199001010019', '810000 19900101 0019'),
  valid('810000199001010019', '８１００００１９９００１０１００１９'),
]

const INVALID: readonly CheckRow[] = [
  invalid('810000199001010018', 'ID_CHECK_DIGIT'),
  invalid('820000198512120023', 'ID_CHECK_DIGIT'),
  invalid('830000200002290139', 'ID_CHECK_DIGIT'),
  invalid('810000194910011240', 'ID_CHECK_DIGIT'),
  invalid('82000020050808222', 'ID_FORMAT'),
  invalid('8200002005080822201', 'ID_FORMAT'),
  invalid('82000020050808X222', 'ID_FORMAT'),
  invalid('810000199002300018', 'ID_BIRTH_DATE_INVALID'),
  invalid('820000200102290010', 'ID_BIRTH_DATE_INVALID'),
  invalid('830000190013010019', 'ID_BIRTH_DATE_INVALID'),
  invalid('820000189912310015', 'ID_BIRTH_DATE_INVALID'),
  invalid('810000202701010014', 'ID_BIRTH_DATE_FUTURE'),
  // A mainland resident ID or a non-permit HK-like code is not a residence permit.
  invalid('110105199001010010', 'ID_PERMIT_AREA'),
  invalid('11010519491231002X', 'ID_PERMIT_AREA'),
  invalid('810100199001010014', 'ID_PERMIT_AREA'),
  invalid('840000199001010012', 'ID_PERMIT_AREA'),
  invalid('', 'FIELD_REQUIRED'),
  invalid('', 'FIELD_REQUIRED', '\u3000'),
  invalid('', 'FIELD_NOT_TEXT', 81000019900101),
  invalid('', 'FIELD_NOT_TEXT', Number.NaN),
  invalid('', 'FIELD_TOO_LONG', '8'.repeat(257)),
]

describe('validateHmtResidencePermit', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validateHmtResidencePermit(row.input, NOW), row)
  })

  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validateHmtResidencePermit(row.input, NOW), row)
  })

  it('valid rows carry the independently computed check digit', () => {
    for (const row of VALID) expect(referenceMod11_2(row.value.slice(0, 17))).toBe(row.value[17])
  })

  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateHmtResidencePermit(input, NOW).ok).toBe(false)
    },
  )
})
