import { parseCompactDate } from './calendar'
import { type FieldCheck, accepted, readText, refused, warning } from './field-check'
import { hasValidGb11643Check } from './gb11643'
import { normaliseIdText } from './resident-id'

const FIELD = 'idNumber'

/**
 * Validates a 外国人永久居留身份证 number in either version:
 * - 2023 version (issued from 2023-12-01): 18 digits starting with 9 and the same MOD 11-2 check
 *   character as the resident ID (National Immigration Administration machine-readable rules);
 * - 2017 and older: 15 characters, a 3-letter nationality code and 12 digits.
 * Positions 7–14 of the 2023 number are believed to be the birth date; since that layout is not
 * confirmed by an official text we hold, an impossible date there is a warning, not an error.
 */
export function validateForeignPermanentResident(input: unknown): FieldCheck {
  const read = readText(input, FIELD, '永久居留身份证号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text)
  if (/^[A-Z]{3}\d{12}$/.test(value)) return accepted(value)
  if (!/^9\d{16}[\dX]$/.test(value)) {
    return refused(
      value,
      'ID_FORMAT',
      '永久居留身份证号码应为9开头的18位号码，旧版为3位字母加12位数字',
      FIELD,
    )
  }
  if (!hasValidGb11643Check(value)) {
    return refused(value, 'ID_CHECK_DIGIT', '永久居留身份证号码校验位不正确，请逐位核对', FIELD)
  }
  if (parseCompactDate(value.slice(6, 14)) === undefined) {
    return accepted(value, [
      warning('ID_BIRTH_DATE_UNVERIFIED', '无法从证件号码核对出生日期，将由工作人员人工复核'),
    ])
  }
  return accepted(value)
}
