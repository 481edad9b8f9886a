import { type PartyType } from './catalogues/party-types'
import { collapseSpaces, stripSpaces, toHalfWidth } from './identity/field-check'
import { validateMobile } from './identity/mobile'

/**
 * Masked forms for display to anyone but the person concerned (PIPL 第51条: de-identification).
 * Every function is total: a non-string gives '', and the mask never reveals more than the rule.
 */

/** Longest input (UTF-16 units) masked by rule; anything longer is not an identifier and is starred whole. */
const MAX_MASK_INPUT = 256

/** Compound surnames, kept whole so that `欧阳娜娜` masks to `欧阳**`, not `欧***`. */
const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 ' +
    '宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 百里 ' +
    '呼延 澹台 公冶 申屠 太史 闻人 万俟 钟离 宗政 濮阳 ' +
    '淳于 单于 赫连 拓跋 东郭 左丘 第五 司空 仲孙 鲜于 ' +
    '闾丘 公羊 梁丘 段干 巫马 东门 谷梁 乐正'
  ).split(' '),
)

/** Keeps `head` and `tail` code points and replaces the rest with `*`, one per character. */
function keepEnds(chars: readonly string[], head: number, tail: number): string {
  if (head + tail >= chars.length) return '*'.repeat(chars.length)
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  )
}

/** The input as half-width text, or undefined for non-strings; over-long text becomes all stars. */
function readable(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined
  return input.length > MAX_MASK_INPUT ? '*'.repeat(MAX_MASK_INPUT) : toHalfWidth(input)
}

/**
 * Masks an ID document number: 15 or more characters keep the first 3 and last 4
 * (`110***********002X`); 10–14 keep 2 and 3; 6–9 keep 1 and 2; shorter ones are masked whole.
 */
export function maskIdNumber(input: unknown): string {
  const text = readable(input)
  if (text === undefined) return ''
  const chars = Array.from(stripSpaces(text).toUpperCase())
  const n = chars.length
  if (n >= 15) return keepEnds(chars, 3, 4)
  if (n >= 10) return keepEnds(chars, 2, 3)
  if (n >= 6) return keepEnds(chars, 1, 2)
  return '*'.repeat(n)
}

/**
 * Masks a phone number: a mainland mobile becomes `138****5678`; other numbers of 7 or more digits
 * keep the first 3 and last 2 digits; shorter ones are masked whole.
 */
export function maskPhone(input: unknown): string {
  const text = readable(input)
  if (text === undefined) return ''
  const mobile = validateMobile(text)
  if (mobile.ok) return `${mobile.value.slice(0, 3)}****${mobile.value.slice(7)}`
  const chars = Array.from(text.replace(/[^0-9+]/g, ''))
  return chars.length >= 7 ? keepEnds(chars, 3, 2) : '*'.repeat(chars.length)
}

/**
 * Masks a name. Persons keep the surname (`张*`, `欧阳**`, `J*** *****`) with separators shown;
 * enterprises keep head and tail, so the organisation form stays readable
 * (`腾讯******公司` style: 8+ characters keep 2 and 4, 5–7 keep 1 and 2, shorter keep 1).
 */
export function maskName(input: unknown, partyType: PartyType = 'person'): string {
  const text = readable(input)
  if (text === undefined) return ''
  const chars = Array.from(collapseSpaces(text))
  if (chars.length === 0) return ''
  if (partyType === 'enterprise') {
    const n = chars.length
    if (n >= 8) return keepEnds(chars, 2, 4)
    if (n >= 5) return keepEnds(chars, 1, 2)
    return keepEnds(chars, 1, 0)
  }
  const surname = chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1
  return chars
    .map((ch, i) => (i < surname || ch === '·' || ch === ' ' || ch === '-' ? ch : '*'))
    .join('')
}

/** Masks a 统一社会信用代码: first 4 (authority, category, province) and last 4 stay. */
export function maskUscc(input: unknown): string {
  const text = readable(input)
  if (text === undefined) return ''
  const chars = Array.from(stripSpaces(text).toUpperCase())
  return chars.length >= 12 ? keepEnds(chars, 4, 4) : '*'.repeat(chars.length)
}
