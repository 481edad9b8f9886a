import { type FieldCheck, accepted, readText, refused } from './field-check'
import { HMT_PERMIT_AREAS } from './province-codes'
import { checkGb11643Body, normaliseIdText } from './resident-id'

const FIELD = 'idNumber'

/**
 * Validates a 港澳台居民居住证 number: 18 digits (last may be X) with address code 810000 (Hong
 * Kong), 820000 (Macau) or 830000 (Taiwan), a real birth date and the GB 11643 check character.
 */
export function validateHmtResidencePermit(input: unknown, now: Date): FieldCheck {
  const read = readText(input, FIELD, '居住证号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text)
  if (!/^\d{17}[\dX]$/.test(value)) {
    return refused(value, 'ID_FORMAT', '居住证号码应为18位，前17位为数字，最后一位为数字或X', FIELD)
  }
  if (!Object.prototype.hasOwnProperty.call(HMT_PERMIT_AREAS, value.slice(0, 6))) {
    return refused(
      value,
      'ID_PERMIT_AREA',
      '港澳台居民居住证号码应以810000、820000或830000开头',
      FIELD,
    )
  }
  return checkGb11643Body(value, now, '居住证号码') ?? accepted(value)
}
