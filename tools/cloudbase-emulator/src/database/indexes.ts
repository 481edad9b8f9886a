import type { Doc } from './ejson'
import { crossesArray, fieldKeys } from './index-key'

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
  /**
   * Documents whose indexed path runs through an array (`a.b` with `a: [{b: 1}]`): MongoDB can
   * match them by any element, which a hash key cannot express, so every lookup includes them.
   */
  readonly #unkeyable = new Set<string>()

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
    if (this.spec.fields.some((f) => crossesArray(doc, f))) this.#unkeyable.add(id)
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
    this.#unkeyable.delete(id)
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

  get unkeyable(): ReadonlySet<string> {
    return this.#unkeyable
  }
}

const EMPTY: ReadonlySet<string> = new Set()
