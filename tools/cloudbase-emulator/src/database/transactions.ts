import { randomBytes } from 'node:crypto'
import type { Query } from 'mingo'
import type { Doc } from './ejson'

/** A query a transaction ran that did not pin one `_id`: a later commit of a matching document
 * (before or after the change) means the transaction's read is stale — including a phantom. */
export interface TxnPredicate {
  readonly c: string
  readonly query: Query
}

/** A transaction's private working set: the documents it wrote (null = removed), per collection. */
export interface Transaction {
  readonly id: string
  readonly env: string
  readonly overlay: Map<string, Map<string, Doc | null>>
  /** `collection\u0000id` of every document it read or wrote; a foreign commit to one is a conflict. */
  readonly touched: Set<string>
  readonly createdCollections: Set<string>
  readonly predicates: TxnPredicate[]
  /** The WX_API_TOKEN of the function instance that started it, if any. */
  readonly owner: string | undefined
  conflicted: boolean
  /** Lost a deadlock or waited too long: holds no locks any more, takes none, cannot commit. */
  doomed: boolean
  timer: NodeJS.Timeout | undefined
}

export function touchKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

export function newTransaction(env: string, owner?: string): Transaction {
  return {
    id: `txn_${randomBytes(12).toString('hex')}`,
    env,
    overlay: new Map(),
    touched: new Set(),
    createdCollections: new Set(),
    predicates: [],
    owner,
    conflicted: false,
    doomed: false,
    timer: undefined,
  }
}
