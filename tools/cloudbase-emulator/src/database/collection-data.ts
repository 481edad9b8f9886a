import type { Doc } from './ejson'
import { HashIndex, type IndexSpec } from './indexes'
import { planQuery, type Plan } from './query-plan'

/** The committed documents of one collection in one environment, with its indexes. */
export class CollectionData {
  readonly docs = new Map<string, Doc>()
  readonly indexes: HashIndex[]

  constructor(specs: readonly IndexSpec[]) {
    this.indexes = specs.map((spec) => new HashIndex(spec))
  }

  get(id: string): Doc | undefined {
    return this.docs.get(id)
  }

  put(id: string, doc: Doc): void {
    const old = this.docs.get(id)
    if (old !== undefined) for (const index of this.indexes) index.delete(id, old)
    this.docs.set(id, doc)
    for (const index of this.indexes) index.add(id, doc)
  }

  delete(id: string): void {
    const old = this.docs.get(id)
    if (old === undefined) return
    for (const index of this.indexes) index.delete(id, old)
    this.docs.delete(id)
  }

  plan(filter: Doc): Plan {
    return planQuery(filter, this.indexes)
  }

  /**
   * Documents that may match `filter`; with `exact` they are exactly the matches, otherwise a
   * superset the caller still filters.
   */
  candidates(filter: Doc): { readonly docs: Iterable<Doc>; readonly exact: boolean } {
    const plan = this.plan(filter)
    if (plan.kind === 'scan')
      return { docs: this.docs.values(), exact: Object.keys(filter).length === 0 }
    const out: Doc[] = []
    for (const id of plan.ids) {
      const doc = this.docs.get(id)
      if (doc !== undefined) out.push(doc)
    }
    return { docs: out, exact: plan.exact }
  }
}
