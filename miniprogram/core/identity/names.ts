import {
  MAX_ENTERPRISE_NAME_LENGTH,
  MAX_PERSON_NAME_LENGTH,
  MIN_ENTERPRISE_NAME_LENGTH,
  MIN_PERSON_NAME_LENGTH,
} from '../limits'
import { type FieldCheck, accepted, codePointLength, readText, refused } from './field-check'

/** Han ideographs: basic block, extension A, compatibility ideographs and extensions B–G. */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}'

/** Latin letters, including the accented letters of transliterated names. */
const LATIN = 'A-Za-z\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f'

/** Separators inside a person name: the middle dot of transliterated names, space, hyphen, apostrophe. */
const NAME_SEPARATORS = "· \\-'"

const PERSON_NAME = new RegExp(
  `^[${HAN}${LATIN}](?:[${HAN}${LATIN}]|[${NAME_SEPARATORS}](?=[${HAN}${LATIN}]))*$`,
  'u',
)

/** Dots people type in place of the name separator `·` (U+00B7). */
const DOT_VARIANTS = /[\u2022\u2027\u22c5\u30fb\uff65\u0387\u2219]/g

/** Characters allowed in an enterprise name beyond letters, digits and Han. */
const ENTERPRISE_NAME = new RegExp(`^[${HAN}${LATIN}0-9 ·（）()&.,、\\-'《》“”]+$`, 'u')

const HAS_LETTER = new RegExp(`[${HAN}${LATIN}]`, 'u')

const HAS_LATIN = new RegExp(`[${LATIN}]`, 'u')

const HAS_HAN = new RegExp(`[${HAN}]`, 'u')

/**
 * Validates a person's name: 2–30 characters, Han or Latin letters, with `·`, spaces, hyphens or
 * apostrophes between letters; no digits. Dot look-alikes become `·`; stray spaces go.
 */
export function validatePersonName(input: unknown): FieldCheck {
  const field = 'name'
  const read = readText(input, field, '姓名')
  if (!read.ok) return read.check
  const dotted = read.text.replace(DOT_VARIANTS, '·').replace(/\s*·\s*/g, '·')
  // Spaces inside a Chinese name are typing noise (`王 小明`); in a Latin name they separate words.
  const value = HAS_LATIN.test(dotted) ? dotted : dotted.replace(/ /g, '')
  if (/\d/.test(value)) {
    return refused(value, 'NAME_HAS_DIGIT', '姓名不能包含数字', field)
  }
  const length = codePointLength(value)
  if (length < MIN_PERSON_NAME_LENGTH || length > MAX_PERSON_NAME_LENGTH) {
    return refused(
      value,
      'NAME_LENGTH',
      `姓名应为${MIN_PERSON_NAME_LENGTH}至${MAX_PERSON_NAME_LENGTH}个字`,
      field,
    )
  }
  if (!PERSON_NAME.test(value)) {
    return refused(value, 'NAME_FORMAT', '姓名只能包含汉字或英文字母，可用“·”分隔', field)
  }
  return accepted(value)
}

/**
 * Validates an enterprise name: 2–60 characters of Han, Latin letters, digits and common punctuation,
 * at least one letter. Parentheses in Chinese names become full-width, as on business licences.
 */
export function validateEnterpriseName(input: unknown): FieldCheck {
  const field = 'enterpriseName'
  const read = readText(input, field, '企业名称')
  if (!read.ok) return read.check
  const dotted = read.text.replace(DOT_VARIANTS, '·')
  // Licences of Chinese-named enterprises print full-width brackets; Latin names keep ASCII ones.
  const value = HAS_HAN.test(dotted) ? dotted.replace(/\(/g, '（').replace(/\)/g, '）') : dotted
  const length = codePointLength(value)
  if (length < MIN_ENTERPRISE_NAME_LENGTH || length > MAX_ENTERPRISE_NAME_LENGTH) {
    return refused(
      value,
      'ENTERPRISE_NAME_LENGTH',
      `企业名称应为${MIN_ENTERPRISE_NAME_LENGTH}至${MAX_ENTERPRISE_NAME_LENGTH}个字`,
      field,
    )
  }
  if (!ENTERPRISE_NAME.test(value) || !HAS_LETTER.test(value)) {
    return refused(
      value,
      'ENTERPRISE_NAME_FORMAT',
      '企业名称包含无法识别的字符，请按营业执照填写',
      field,
    )
  }
  return accepted(value)
}
