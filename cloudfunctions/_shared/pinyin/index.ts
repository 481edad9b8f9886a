// Toneless pinyin of a person's name from the generated GB2312 table (`table.ts`), giving the
// same syllables as pinyin-pro with `{ toneType: 'none', type: 'array', surname: 'head', v: true }`
// — the options the seed uses — so server-written search keys match seeded ones.
import {
  mediatorSearchKeys,
  mediatorSearchPrefixes,
} from '../../../miniprogram/core/recommendation/search-keys'
import { COMPOUND_SURNAMES, READINGS, SURNAME_READINGS } from './table'

let index: Map<string, string> | undefined

function readingOf(ch: string): string | undefined {
  if (!index) {
    index = new Map()
    for (const [syllable, chars] of Object.entries(READINGS)) {
      for (const c of chars) index.set(c, syllable)
    }
  }
  return index.get(ch)
}

/**
 * One entry per character: its reading, the surname reading for the first character (or the
 * first two, for a compound surname such as 尉迟), and any character outside the table as itself.
 */
export function nameSyllables(name: string): string[] {
  const chars = [...name]
  const out: string[] = []
  let start = 0
  const compound = COMPOUND_SURNAMES[chars.slice(0, 2).join('')]
  if (compound !== undefined) {
    out.push(...compound.split(' '))
    start = 2
  } else if (chars[0] !== undefined) {
    const first = chars[0]
    out.push(SURNAME_READINGS[first] ?? readingOf(first) ?? first)
    start = 1
  }
  for (const ch of chars.slice(start)) out.push(readingOf(ch) ?? ch)
  return out
}

/**
 * The search fields of a mediator document for `name`, built exactly as the seed builds them
 * (`tools/cloudbase-emulator/seed/search-keys.ts`); `undefined` for a name the core rejects.
 */
export function mediatorSearchFields(
  name: string,
):
  | { readonly searchKeys: readonly string[]; readonly searchPrefixes: readonly string[] }
  | undefined {
  const keys = mediatorSearchKeys(name, nameSyllables(name))
  if (!keys.ok) return undefined
  return { searchKeys: keys.value, searchPrefixes: mediatorSearchPrefixes(keys.value) }
}
