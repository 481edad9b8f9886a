import { failure, type Outcome, success } from '../result'

export const MAX_NAME_LENGTH = 30
export const MAX_KEYWORD_LENGTH = 30

export type SearchKeyErrorCode = 'invalid_name' | 'invalid_keyword'

// Han ideographs (with the CJK extension blocks), the middle dot of transliterated foreign names,
// and Latin letters: everything a mediator's name or its pinyin can contain.
const KEYWORD_CHARS = /^[\p{Script=Han}·a-z]+$/u
const HAN = /\p{Script=Han}/u
const LATIN = /[a-z]/

function compact(text: string): string {
  return text.replace(/[\s\u3000]+/g, '')
}

/** One pinyin syllable as a search key: no tones, ü written v (as on every pinyin keyboard). */
export function normaliseSyllable(syllable: string): string {
  return syllable
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308|u:/g, 'v')
    .replace(/[^a-z]/g, '')
}

/**
 * The keys stored in a mediator document's `searchKeys` so that search by name, full pinyin or
 * pinyin initials is an indexed prefix lookup: [name, full pinyin, initials], without duplicates.
 * `syllables` is the name's pinyin, one entry per character (pinyin-pro's `type: 'array'` output);
 * entries that are not letters (a `·`, a space) are ignored.
 * 张伟 + ['zhang', 'wei'] → ['张伟', 'zhangwei', 'zw'].
 */
export function mediatorSearchKeys(
  name: string,
  syllables: readonly string[],
): Outcome<readonly string[], SearchKeyErrorCode> {
  if (typeof name !== 'string' || compact(name) === '') {
    return failure('invalid_name', '调解员姓名不能为空', 'name')
  }
  const nameKey = compact(name).toLowerCase()
  if (nameKey.length > MAX_NAME_LENGTH) {
    return failure('invalid_name', `调解员姓名不能超过 ${MAX_NAME_LENGTH} 个字`, 'name')
  }
  if (!Array.isArray(syllables) || syllables.length > MAX_NAME_LENGTH * 2) {
    return failure('invalid_name', '调解员姓名拼音无效', 'syllables')
  }
  const parts = syllables
    .map((s) => (typeof s === 'string' ? normaliseSyllable(s) : ''))
    .filter((s) => s !== '')
  const keys = [nameKey, parts.join(''), parts.map((s) => s.charAt(0)).join('')]
  return success(keys.filter((key, i) => key !== '' && keys.indexOf(key) === i))
}

export interface SearchKeyword {
  /** Compare against `searchKeys` with a prefix match. */
  readonly key: string
  readonly kind: 'han' | 'latin' | 'mixed'
}

/**
 * What a user typed into the mediator search box, reduced to the form of `searchKeys`: spaces
 * and apostrophes (zhang'wei) dropped, lower case, ü → v. Anything else is refused.
 */
export function normaliseSearchKeyword(raw: string): Outcome<SearchKeyword, SearchKeyErrorCode> {
  if (typeof raw !== 'string') {
    return failure('invalid_keyword', '请输入调解员姓名、拼音或首字母', 'keyword')
  }
  // NFD splits toned letters (zhāng, lǚ) into base letter + combining marks, which we drop.
  const key = compact(raw)
    .toLowerCase()
    .normalize('NFD')
    .replace(/u\u0308|u:/g, 'v')
    .replace(/[\u0300-\u036f'’]/g, '')
    .normalize('NFC')
  if (key === '') return failure('invalid_keyword', '请输入调解员姓名、拼音或首字母', 'keyword')
  if (key.length > MAX_KEYWORD_LENGTH) {
    return failure('invalid_keyword', `搜索内容不能超过 ${MAX_KEYWORD_LENGTH} 个字`, 'keyword')
  }
  if (!KEYWORD_CHARS.test(key)) {
    return failure('invalid_keyword', '只能按姓名、拼音或首字母搜索', 'keyword')
  }
  const han = HAN.test(key)
  const latin = LATIN.test(key)
  return success({ key, kind: han && latin ? 'mixed' : han ? 'han' : 'latin' })
}

/** An anchored, escaped pattern for `db.RegExp({ regexp })`: a prefix match the index can serve. */
export function searchKeyPrefixPattern(key: string): string {
  return '^' + key.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
