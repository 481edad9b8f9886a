import { type FieldCheck, accepted, readText, refused } from './field-check'
import { normaliseIdText } from './resident-id'

const FIELD = 'idNumber'

/**
 * PRC passport number patterns: ordinary E + 8 digits or E + letter + 7 digits (letters I and O are
 * not used), DE/SE/PE + 7 digits (diplomatic, service, public affairs), old G/P/S/D + 8 digits.
 */
const PRC_PASSPORT = /^(E\d{8}|E[A-HJ-NP-Z]\d{7}|[DSP]E\d{7}|[GPSD]\d{8})$/

/** Whether a normalised passport number matches a PRC passport format. */
export function isPrcPassportFormat(value: string): boolean {
  return PRC_PASSPORT.test(value)
}

/**
 * Validates a passport number: 5–20 letters or digits (foreign passports are free-form). When the
 * holder's nationality is known to be `CHN`, the number must match a PRC passport format.
 */
export function validatePassport(input: unknown, nationality?: string): FieldCheck {
  const read = readText(input, FIELD, '护照号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text)
  if (!/^[A-Z0-9]{5,20}$/.test(value)) {
    return refused(value, 'ID_FORMAT', '护照号码应为5至20位字母或数字', FIELD)
  }
  if (nationality === 'CHN' && !isPrcPassportFormat(value)) {
    return refused(
      value,
      'ID_PASSPORT_PRC_FORMAT',
      '中国护照号码格式不正确（如E12345678、EA1234567）',
      FIELD,
    )
  }
  return accepted(value)
}
