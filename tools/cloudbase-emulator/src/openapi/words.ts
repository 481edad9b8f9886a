// The configurable word list behind the emulator's content-security answers
// (tools/cloudbase-emulator/openapi-words.json, re-read when it changes).
import { readFileSync, statSync } from 'node:fs'

export type Suggest = 'pass' | 'review' | 'risky'

export interface WordRule {
  readonly word: string
  readonly label: number
}

export interface WordList {
  readonly risky: readonly WordRule[]
  readonly review: readonly WordRule[]
}

export interface WordHit {
  readonly suggest: Exclude<Suggest, 'pass'>
  readonly rule: WordRule
}

/** Default label when a list entry is a bare string: 21000 其他. */
const DEFAULT_LABEL = 21000

function rules(value: unknown): WordRule[] {
  if (!Array.isArray(value)) return []
  const out: WordRule[] = []
  for (const item of value) {
    if (typeof item === 'string' && item !== '') out.push({ word: item, label: DEFAULT_LABEL })
    else if (item !== null && typeof item === 'object') {
      const o = item as Record<string, unknown>
      if (typeof o['word'] === 'string' && o['word'] !== '') {
        out.push({
          word: o['word'],
          label: typeof o['label'] === 'number' ? o['label'] : DEFAULT_LABEL,
        })
      }
    }
  }
  return out
}

export class WordListFile {
  private cached: { mtimeMs: number; list: WordList } | undefined

  constructor(readonly path: string) {}

  load(): WordList {
    let mtimeMs = -1
    try {
      mtimeMs = statSync(this.path).mtimeMs
    } catch {
      return { risky: [], review: [] }
    }
    if (this.cached && this.cached.mtimeMs === mtimeMs) return this.cached.list
    let list: WordList = { risky: [], review: [] }
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, unknown>
      list = { risky: rules(raw['risky']), review: rules(raw['review']) }
    } catch {
      // A half-written file is treated as empty until it parses again.
    }
    this.cached = { mtimeMs, list }
    return list
  }
}

/** Every rule that matches, risky ones first; matching ignores case for Latin letters. */
export function findHits(list: WordList, texts: readonly string[]): WordHit[] {
  const hay = texts.join('\n').toLowerCase()
  const hits: WordHit[] = []
  for (const rule of list.risky)
    if (hay.includes(rule.word.toLowerCase())) hits.push({ suggest: 'risky', rule })
  for (const rule of list.review)
    if (hay.includes(rule.word.toLowerCase())) hits.push({ suggest: 'review', rule })
  return hits
}
