import { pinyin } from 'pinyin-pro'
import {
  mediatorSearchKeys,
  mediatorSearchPrefixes,
} from '../../../miniprogram/core/recommendation'

/**
 * The searchKeys of a mediator document. Server code that creates or renames a mediator must
 * call pinyin-pro with exactly these options so its keys match the seed's: toneless, one array
 * entry per character, surname readings for the first character (单 shan, 曾 zeng), ü as v.
 */
export function searchKeysFor(name: string): {
  readonly searchKeys: readonly string[]
  readonly searchPrefixes: readonly string[]
} {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
  const keys = mediatorSearchKeys(name, syllables)
  if (!keys.ok) throw new RangeError(`seed name rejected: ${keys.error.message}`)
  return { searchKeys: keys.value, searchPrefixes: mediatorSearchPrefixes(keys.value) }
}
