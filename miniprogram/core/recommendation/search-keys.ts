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
 * The keys stored in a mediator document's `searchKeys` (name, full pinyin, initials, without
 * duplicates); their prefixes (`mediatorSearchPrefixes`) make search an indexed equality lookup.
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
  /** Look up with equality on `searchPrefixes`. */
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

/** Longest key a search prefix is stored for; longer typed keywords simply match nothing. */
export const MAX_PREFIX_LENGTH = MAX_KEYWORD_LENGTH

/**
 * Every prefix of every search key, for the `searchPrefixes` array of a mediator document, so
 * that search is an exact match on an indexed array field (`where({ searchPrefixes: key })`):
 * hash indexes serve it, where a prefix RegExp would scan. 张伟 → 张, 张伟, z, zh, …, zhangwei, zw.
 */
export function mediatorSearchPrefixes(keys: readonly string[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const key of keys) {
    const chars = [...key].slice(0, MAX_PREFIX_LENGTH)
    for (let i = 1; i <= chars.length; i += 1) {
      const prefix = chars.slice(0, i).join('')
      if (!seen.has(prefix)) {
        seen.add(prefix)
        out.push(prefix)
      }
    }
  }
  return out
}
