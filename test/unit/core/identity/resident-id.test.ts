import { describe, expect, it } from 'vitest'
import { residentIdFacts, validateResidentId } from '../../../../miniprogram/core/identity'
import {
  type CheckRow,
  HOSTILE_INPUTS,
  describeInput,
  expectCheck,
  referenceMod11_2,
} from './check-rows'

// 2026-12-01 20:00 in Asia/Shanghai.
const NOW = new Date('2026-12-01T12:00:00Z')

// Check digits computed by hand / with an independent Python script (ISO 7064 MOD 11-2).
const VALID: readonly CheckRow[] = [
  { input: '11010519491231002X', ok: true, value: '11010519491231002X' },
  { input: '110105200002290013', ok: true, value: '110105200002290013' },
  { input: '310104198506152344', ok: true, value: '310104198506152344' },
  { input: '510107197211303450', ok: true, value: '510107197211303450' },
  { input: '650102200001014566', ok: true, value: '650102200001014566' },
  { input: '350203199912315672', ok: true, value: '350203199912315672' },
  { input: '11010820040229678X', ok: true, value: '11010820040229678X' },
  { input: '23010219560718789X', ok: true, value: '23010219560718789X' },
  { input: '460105198808088906', ok: true, value: '460105198808088906' },
  { input: '540102196703019017', ok: true, value: '540102196703019017' },
  { input: '620102199305100120', ok: true, value: '620102199305100120' },
  { input: '370202198010101133', ok: true, value: '370202198010101133' },
  { input: '420106197512252249', ok: true, value: '420106197512252249' },
  { input: '500103199811113353', ok: true, value: '500103199811113353' },
  { input: '150102196909094466', ok: true, value: '150102196909094466' },
  { input: '210102199012315578', ok: true, value: '210102199012315578' },
  { input: '45010319920229668X', ok: true, value: '45010319920229668X' },
  { input: '630104198302287794', ok: true, value: '630104198302287794' },
  { input: '130102196001018806', ok: true, value: '130102196001018806' },
  { input: '330106199710059914', ok: true, value: '330106199710059914' },
  { input: '530102198606060023', ok: true, value: '530102198606060023' },
  { input: '410102199909091131', ok: true, value: '410102199909091131' },
  { input: '110105202402290011', ok: true, value: '110105202402290011' },
  { input: '110105200012310014', ok: true, value: '110105200012310014' },
  // Born today (Asia/Shanghai) is not in the future.
  { input: '110105202612010014', ok: true, value: '110105202612010014' },
  // Normalisation: lower-case x, spaces, full-width digits, surrounding blanks.
  { input: '11010519491231002x', ok: true, value: '11010519491231002X' },
  { input: '110105 19491231 002X', ok: true, value: '11010519491231002X' },
  { input: '１１０１０５１９４９１２３１００２Ｘ', ok: true, value: '11010519491231002X' },
  { input: '  11010519491231002X\n', ok: true, value: '11010519491231002X' },
  { input: '\u3000110105200002290013\u3000', ok: true, value: '110105200002290013' },
  // Address codes that break the GB/T 2260 structure are accepted with a warning.
  {
    input: '440300199001011238',
    ok: true,
    value: '440300199001011238',
    warnings: ['ID_AREA_CODE_UNVERIFIED'],
  },
  {
    input: '110000199001010013',
    ok: true,
    value: '110000199001010013',
    warnings: ['ID_AREA_CODE_UNVERIFIED'],
  },
  {
    input: '117101199001010011',
    ok: true,
    value: '117101199001010011',
    warnings: ['ID_AREA_CODE_UNVERIFIED'],
  },
]

const INVALID: readonly CheckRow[] = [
  // Check digit right, date impossible (1900 was not a leap year).
  {
    input: '110105190002290017',
    ok: false,
    value: '110105190002290017',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105202302300016',
    ok: false,
    value: '110105202302300016',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105199013010018',
    ok: false,
    value: '110105199013010018',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105199000000013',
    ok: false,
    value: '110105199000000013',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105199001000015',
    ok: false,
    value: '110105199001000015',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105199004310019',
    ok: false,
    value: '110105199004310019',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105200102290010',
    ok: false,
    value: '110105200102290010',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105189912310015',
    ok: false,
    value: '110105189912310015',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  // Real dates after today in Asia/Shanghai.
  {
    input: '110105210002290012',
    ok: false,
    value: '110105210002290012',
    error: 'ID_BIRTH_DATE_INVALID',
  },
  {
    input: '110105202701010016',
    ok: false,
    value: '110105202701010016',
    error: 'ID_BIRTH_DATE_FUTURE',
  },
  {
    input: '11010520261202001X',
    ok: false,
    value: '11010520261202001X',
    error: 'ID_BIRTH_DATE_FUTURE',
  },
  // Wrong check character (each one off the hand-computed value).
  { input: '110105194912310021', ok: false, value: '110105194912310021', error: 'ID_CHECK_DIGIT' },
  { input: '110105200002290014', ok: false, value: '110105200002290014', error: 'ID_CHECK_DIGIT' },
  { input: '31010419850615234X', ok: false, value: '31010419850615234X', error: 'ID_CHECK_DIGIT' },
  { input: '110108200402296780', ok: false, value: '110108200402296780', error: 'ID_CHECK_DIGIT' },
  { input: '11010519491231003X', ok: false, value: '11010519491231003X', error: 'ID_CHECK_DIGIT' },
  // Two digits swapped: the check digit catches transpositions.
  { input: '11010519491213002X', ok: false, value: '11010519491213002X', error: 'ID_CHECK_DIGIT' },
  // Province prefixes that do not exist (check digits right).
  {
    input: '710102199001010013',
    ok: false,
    value: '710102199001010013',
    error: 'ID_PROVINCE_UNKNOWN',
  },
  {
    input: '160102199001010010',
    ok: false,
    value: '160102199001010010',
    error: 'ID_PROVINCE_UNKNOWN',
  },
  {
    input: '000102199001010016',
    ok: false,
    value: '000102199001010016',
    error: 'ID_PROVINCE_UNKNOWN',
  },
  {
    input: '800102199001010015',
    ok: false,
    value: '800102199001010015',
    error: 'ID_PROVINCE_UNKNOWN',
  },
  {
    input: '550102199001010013',
    ok: false,
    value: '550102199001010013',
    error: 'ID_PROVINCE_UNKNOWN',
  },
  // Numbers of other document types.
  {
    input: '810000199001010019',
    ok: false,
    value: '810000199001010019',
    error: 'ID_TYPE_MISMATCH',
  },
  {
    input: '915600198001010015',
    ok: false,
    value: '915600198001010015',
    error: 'ID_TYPE_MISMATCH',
  },
  // Shape errors.
  { input: '11010519491231002', ok: false, value: '11010519491231002', error: 'ID_FORMAT' },
  { input: '11010519491231002X1', ok: false, value: '11010519491231002X1', error: 'ID_FORMAT' },
  { input: '1101051949123100XX', ok: false, value: '1101051949123100XX', error: 'ID_FORMAT' },
  { input: '11010519491231002Y', ok: false, value: '11010519491231002Y', error: 'ID_FORMAT' },
  { input: '110105-19491231-002X', ok: false, value: '110105-19491231-002X', error: 'ID_FORMAT' },
  { input: '110105490101001', ok: false, value: '110105490101001', error: 'ID_LEGACY_15' },
  { input: '', ok: false, value: '', error: 'FIELD_REQUIRED' },
  { input: ' \t ', ok: false, value: '', error: 'FIELD_REQUIRED' },
  { input: 11010519491231002, ok: false, value: '', error: 'FIELD_NOT_TEXT' },
  { input: null, ok: false, value: '', error: 'FIELD_NOT_TEXT' },
  { input: '1'.repeat(300), ok: false, value: '', error: 'FIELD_TOO_LONG' },
]

describe('validateResidentId', () => {
  it.each(VALID)('accepts $input', (row) => {
    expectCheck(validateResidentId(row.input, NOW), row)
  })

  it.each(INVALID)('refuses $input', (row) => {
    expectCheck(validateResidentId(row.input, NOW), row)
  })

  it('tables agree with an independent MOD 11-2 implementation', () => {
    for (const row of VALID) {
      expect(referenceMod11_2(row.value.slice(0, 17))).toBe(row.value[17])
    }
    const checkDigitRows = INVALID.filter((row) => row.error === 'ID_CHECK_DIGIT')
    for (const row of checkDigitRows) {
      expect(referenceMod11_2(row.value.slice(0, 17))).not.toBe(row.value[17])
    }
  })

  it('agrees with the independent reference on 500 generated numbers', () => {
    // A fixed linear congruential sequence: deterministic, no Math.random.
    let seed = 20261201
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed
    }
    for (let n = 0; n < 500; n += 1) {
      const serial = String(next() % 1000).padStart(3, '0')
      const body = `330106199${next() % 10}0${1 + (next() % 9)}1${next() % 10}${serial}`
      const right = referenceMod11_2(body)
      const wrong = right === '0' ? '1' : '0'
      expect(validateResidentId(body + right, NOW).ok).toBe(true)
      expect(validateResidentId(body + wrong, NOW).error?.code).toBe('ID_CHECK_DIGIT')
    }
  })

  it('judges "today" in Asia/Shanghai, not UTC', () => {
    // Born 2026-12-02: 15:59:59Z is still 1 December in Beijing, 16:00:00Z is 2 December.
    expect(
      validateResidentId('11010520261202001X', new Date('2026-12-01T15:59:59Z')).error?.code,
    ).toBe('ID_BIRTH_DATE_FUTURE')
    expect(validateResidentId('11010520261202001X', new Date('2026-12-01T16:00:00Z')).ok).toBe(true)
  })

  it('refuses to judge with an invalid clock', () => {
    expect(validateResidentId('11010519491231002X', new Date(Number.NaN)).error?.code).toBe(
      'CLOCK_INVALID',
    )
  })

  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      const result = validateResidentId(input, NOW)
      expect(result.ok).toBe(false)
      expect(typeof result.value).toBe('string')
      expect(result.error?.field).toBe('idNumber')
    },
  )
})

describe('residentIdFacts', () => {
  it('reads birth date, sex and age', () => {
    expect(residentIdFacts('11010519491231002X', NOW)).toEqual({
      ok: true,
      value: {
        birthDate: { year: 1949, month: 12, day: 31 },
        birthDateText: '1949-12-31',
        sex: 'female',
        age: 76,
        isMinor: false,
        areaCode: '110105',
      },
    })
  })

  it.each([
    ['110105200002290013', '2000-02-29', 'male', 26, false],
    ['540102196703019017', '1967-03-01', 'male', 59, false],
    ['620102199305100120', '1993-05-10', 'female', 33, false],
    ['110105202612010014', '2026-12-01', 'male', 0, true],
    ['110105200812020015', '2008-12-02', 'male', 17, true],
    ['11010520081201001X', '2008-12-01', 'male', 18, false],
    ['810000199001010019', '1990-01-01', 'male', 36, false],
    ['830000200002290031', '2000-02-29', 'male', 26, false],
    ['11010820040229678x', '2004-02-29', 'female', 22, false],
  ] as const)('%s → born %s, %s, age %i', (input, birth, sex, age, isMinor) => {
    const facts = residentIdFacts(input, NOW)
    expect(facts.ok && facts.value.birthDateText).toBe(birth)
    expect(facts.ok && facts.value.sex).toBe(sex)
    expect(facts.ok && facts.value.age).toBe(age)
    expect(facts.ok && facts.value.isMinor).toBe(isMinor)
  })

  it('counts a 29 February birthday on 1 March in common years', () => {
    const before = residentIdFacts('110105200002290013', new Date('2027-02-28T12:00:00Z'))
    const after = residentIdFacts('110105200002290013', new Date('2027-03-01T12:00:00Z'))
    expect(before.ok && before.value.age).toBe(26)
    expect(after.ok && after.value.age).toBe(27)
  })

  it.each([
    ['110105190002290017', 'ID_INVALID'],
    ['110105194912310021', 'ID_INVALID'],
    ['110105202701010016', 'ID_INVALID'],
    ['abc', 'ID_INVALID'],
    [42, 'ID_INVALID'],
    [undefined, 'ID_INVALID'],
  ] as const)('refuses %s with %s', (input, code) => {
    const facts = residentIdFacts(input, NOW)
    expect(facts.ok).toBe(false)
    expect(!facts.ok && facts.error.code).toBe(code)
  })

  it('reports an invalid clock', () => {
    const facts = residentIdFacts('11010519491231002X', new Date(Number.NaN))
    expect(!facts.ok && facts.error.code).toBe('CLOCK_INVALID')
  })
})
