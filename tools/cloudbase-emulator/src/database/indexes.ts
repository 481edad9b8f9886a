import type { Doc } from './ejson'
import { fieldKeys } from './index-key'

export interface IndexSpec {
  readonly fields: readonly string[]
  readonly unique?: boolean
}

/** Index name in MongoDB style, used in duplicate-key messages: `openid_1_caseId_1`. */
export function indexName(spec: IndexSpec): string {
  return spec.fields.map((f) => `${f}_1`).join('_')
}

function cartesian(lists: string[][]): string[] {
  let acc: string[] = ['']
  for (const list of lists) {
    const next: string[] = []
    for (const prefix of acc)
      for (const key of list) next.push(prefix === '' ? key : `${prefix}\u0000${key}`)
    acc = next
  }
  return acc
}

/**
 * An equality (hash) index over one or more fields. Missing and null values are not indexed,
 * so a unique index behaves like MongoDB's sparse unique index: many documents may lack the field.
 */
export class HashIndex {
  readonly spec: IndexSpec
  readonly name: string
  readonly #entries = new Map<string, Set<string>>()

  constructor(spec: IndexSpec) {
    this.spec = spec
    this.name = indexName(spec)
  }

  keysOf(doc: Doc): string[] {
    const perField = this.spec.fields.map((field) => fieldKeys(doc, field))
    if (perField.some((keys) => keys.length === 0)) return []
    return cartesian(perField)
  }

  add(id: string, doc: Doc): void {
    for (const key of this.keysOf(doc)) {
      let ids = this.#entries.get(key)
      if (ids === undefined) {
        ids = new Set()
        this.#entries.set(key, ids)
      }
      ids.add(id)
    }
  }

  delete(id: string, doc: Doc): void {
    for (const key of this.keysOf(doc)) {
      const ids = this.#entries.get(key)
      if (ids === undefined) continue
      ids.delete(id)
      if (ids.size === 0) this.#entries.delete(key)
    }
  }

  lookup(key: string): ReadonlySet<string> {
    return this.#entries.get(key) ?? EMPTY
  }

  clear(): void {
    this.#entries.clear()
  }
}

const EMPTY: ReadonlySet<string> = new Set()
