import { type Outcome, failure, success } from '../result'
import {
  type CalendarDate,
  ageOn,
  compareDates,
  formatIsoDate,
  isValidInstant,
  parseCompactDate,
  shanghaiDate,
} from './calendar'
import {
  type CoreWarning,
  type FieldCheck,
  accepted,
  readText,
  refused,
  stripSpaces,
  toHalfWidth,
  warning,
} from './field-check'
import { hasValidGb11643Check } from './gb11643'
import { HMT_PERMIT_AREAS, areaCodeLooksUnusual, provinceName } from './province-codes'

const FIELD = 'idNumber'

/** Earliest birth year accepted: GB 11643 numbers were issued to people alive in 1999. */
const MIN_BIRTH_YEAR = 1900

/** Age of majority (民法典 第17条): younger parties need a guardian or agent. */
export const AGE_OF_MAJORITY = 18

/** Facts read from a valid resident ID or residence permit number. */
export interface ResidentIdFacts {
  readonly birthDate: CalendarDate
  /** `YYYY-MM-DD`. */
  readonly birthDateText: string
  /** From the parity of digit 17 (odd = male). */
  readonly sex: 'male' | 'female'
  /** Whole years on the Asia/Shanghai date of `now`. */
  readonly age: number
  readonly isMinor: boolean
  /** The 6-digit address code. */
  readonly areaCode: string
}

/** Upper-cases and removes spaces, so `11010519491231002x` and `110105 19491231 002X` agree. */
export function normaliseIdText(text: string): string {
  return stripSpaces(text).toUpperCase()
}

/**
 * Checks the shared parts of an 18-digit GB 11643 number: birth date (positions 7–14, a real date,
 * not before 1900, not after today in Asia/Shanghai) and the check character.
 * @internal
 */
export function checkGb11643Body(
  value: string,
  now: unknown,
  label: string,
): FieldCheck | undefined {
  const birth = parseCompactDate(value.slice(6, 14))
  if (birth === undefined || birth.year < MIN_BIRTH_YEAR) {
    return refused(value, 'ID_BIRTH_DATE_INVALID', `${label}中的出生日期不存在，请核对`, FIELD)
  }
  if (!isValidInstant(now)) {
    return refused(value, 'CLOCK_INVALID', '系统时间无效，暂时无法校验证件号码', FIELD)
  }
  if (compareDates(birth, shanghaiDate(now)) > 0) {
    return refused(value, 'ID_BIRTH_DATE_FUTURE', `${label}中的出生日期晚于今天，请核对`, FIELD)
  }
  if (!hasValidGb11643Check(value)) {
    return refused(value, 'ID_CHECK_DIGIT', `${label}校验位不正确，请逐位核对`, FIELD)
  }
  return undefined
}

/**
 * Validates an 18-digit 居民身份证 number (GB 11643-1999): format, mainland province prefix, real
 * birth date not in the future, check character. An unusual 6-digit address code is a warning.
 */
export function validateResidentId(input: unknown, now: Date): FieldCheck {
  const read = readText(input, FIELD, '身份证号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text)
  if (/^\d{15}$/.test(value)) {
    return refused(
      value,
      'ID_LEGACY_15',
      '15位旧身份证号码已停止使用，请填写第二代身份证上的18位号码',
      FIELD,
    )
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return refused(value, 'ID_FORMAT', '身份证号码应为18位，前17位为数字，最后一位为数字或X', FIELD)
  }
  const prefix = value.slice(0, 2)
  if (provinceName(prefix) === undefined) {
    if (Object.prototype.hasOwnProperty.call(HMT_PERMIT_AREAS, value.slice(0, 6))) {
      return refused(
        value,
        'ID_TYPE_MISMATCH',
        '该号码属于港澳台居民居住证，请选择对应的证件类型',
        FIELD,
      )
    }
    if (prefix.startsWith('9')) {
      return refused(
        value,
        'ID_TYPE_MISMATCH',
        '该号码属于外国人永久居留身份证，请选择对应的证件类型',
        FIELD,
      )
    }
    return refused(value, 'ID_PROVINCE_UNKNOWN', '身份证号码前两位不是有效的省级行政区代码', FIELD)
  }
  const bodyError = checkGb11643Body(value, now, '身份证号码')
  if (bodyError !== undefined) return bodyError
  const warnings: CoreWarning[] = []
  if (areaCodeLooksUnusual(value.slice(0, 6))) {
    warnings.push(
      warning('ID_AREA_CODE_UNVERIFIED', '身份证号码的地址码无法自动核对，将由工作人员人工复核'),
    )
  }
  return accepted(value, warnings)
}

/**
 * Birth date, sex and age from a resident ID or HMT residence permit number. The number is read
 * leniently (spaces, lower-case x) but must pass the birth-date and check-character rules.
 */
export function residentIdFacts(
  input: unknown,
  now: Date,
): Outcome<ResidentIdFacts, 'ID_INVALID' | 'CLOCK_INVALID'> {
  if (typeof input !== 'string' || input.length > 64) {
    return failure('ID_INVALID', '证件号码无效，无法读取出生日期和性别', FIELD)
  }
  const value = normaliseIdText(toHalfWidth(input))
  if (!/^\d{17}[\dX]$/.test(value)) {
    return failure('ID_INVALID', '证件号码无效，无法读取出生日期和性别', FIELD)
  }
  const bodyError = checkGb11643Body(value, now, '证件号码')
  if (bodyError?.error !== undefined) {
    return bodyError.error.code === 'CLOCK_INVALID'
      ? failure('CLOCK_INVALID', bodyError.error.message, FIELD)
      : failure('ID_INVALID', bodyError.error.message, FIELD)
  }
  const birthDate = parseCompactDate(value.slice(6, 14))
  if (birthDate === undefined || !isValidInstant(now)) {
    return failure('ID_INVALID', '证件号码无效，无法读取出生日期和性别', FIELD)
  }
  const age = ageOn(birthDate, shanghaiDate(now))
  return success({
    birthDate,
    birthDateText: formatIsoDate(birthDate),
    sex: Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female',
    age,
    isMinor: age < AGE_OF_MAJORITY,
    areaCode: value.slice(0, 6),
  })
}
