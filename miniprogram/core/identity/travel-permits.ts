import { type FieldCheck, accepted, readText, refused, warning } from './field-check'
import { normaliseIdText } from './resident-id'

const FIELD = 'idNumber'

/**
 * Validates a 港澳居民来往内地通行证 number: H (Hong Kong) or M (Macau) and 8 digits; the form with
 * the 2-digit issue count appended (10 digits) is accepted too, since people copy it from the card.
 */
export function validateHkMoTravelPermit(input: unknown): FieldCheck {
  const read = readText(input, FIELD, '通行证号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text).replace(/[()]/g, '')
  if (!/^[HM]\d{8}(\d{2})?$/.test(value)) {
    return refused(
      value,
      'ID_FORMAT',
      '港澳居民来往内地通行证号码应为H或M开头加8位数字（可含2位换证次数）',
      FIELD,
    )
  }
  return accepted(value)
}

/**
 * Validates a 台湾居民来往大陆通行证 number: the card's 8 digits, or the 10–12 alphanumeric
 * characters of a one-time permit (also the old `12345678(01)` form with the issue count), which
 * gets a warning because only a person can check it against the paper permit.
 */
export function validateTwTravelPermit(input: unknown): FieldCheck {
  const read = readText(input, FIELD, '通行证号码')
  if (!read.ok) return read.check
  const value = normaliseIdText(read.text).replace(/[()]/g, '')
  if (/^\d{8}$/.test(value)) return accepted(value)
  if (/^[A-Z0-9]{10,12}$/.test(value)) {
    return accepted(value, [
      warning('ID_TW_PERMIT_ONE_TIME', '该号码为一次性或旧版台胞证格式，将由工作人员人工复核'),
    ])
  }
  return refused(
    value,
    'ID_FORMAT',
    '台湾居民来往大陆通行证号码应为8位数字，一次性通行证为10至12位字母或数字',
    FIELD,
  )
}
