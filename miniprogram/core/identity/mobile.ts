import { type FieldCheck, accepted, readText, refused } from './field-check'

const FIELD = 'phone'

/**
 * Validates a mainland China mobile number and normalises it to 11 digits. Accepts the forms people
 * paste from contacts: `+86`, `86` or `0086` prefixes, spaces, dashes, dots and brackets.
 */
export function validateMobile(input: unknown): FieldCheck {
  const read = readText(input, FIELD, '手机号码')
  if (!read.ok) return read.check
  let digits = read.text.replace(/[\s\-.()]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    return refused(digits, 'PHONE_FORMAT', '请填写11位中国大陆手机号码', FIELD)
  }
  return accepted(digits)
}
