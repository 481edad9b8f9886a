// Transactions: several documents change together or not at all. CloudBase transactions address
// documents by id only (no queries inside), so everything a transaction touches has a known id.
import { getDb } from './cloud'
import { conflict, errorText, isAppError } from './errors'
import { isCollectionMissing, type DocData, type StoredDoc } from './store'

export interface Tx {
  get<T extends DocData>(collection: string, id: string): Promise<StoredDoc<T> | undefined>
  /** Creates a document with a chosen id (fails the transaction if it already exists). */
  create(collection: string, id: string, data: DocData): Promise<void>
  /** Writes fields of an existing document. */
  update(collection: string, id: string, patch: DocData): Promise<void>
  /**
   * Reads a mutable document, checks it still has `expectedVersion`, and writes the patch with
   * the next version. The read-then-write inside one transaction is what makes it conditional.
   */
  updateVersioned(
    collection: string,
    id: string,
    expectedVersion: number,
    patch: DocData,
  ): Promise<void>
}

interface SdkTxDoc {
  get(): Promise<{ data: unknown }>
  set(opts: { data: unknown }): Promise<unknown>
  update(opts: { data: unknown }): Promise<unknown>
}
interface SdkTransaction {
  collection(name: string): { doc(id: string): SdkTxDoc }
}

function isMissingDoc(e: unknown): boolean {
  return (
    /does ?not ?exist|not ?found|DOCUMENT_NOT_EXIST/i.test(errorText(e)) && !isCollectionMissing(e)
  )
}

function wrap(t: SdkTransaction, touched: Set<string>): Tx {
  const doc = (c: string, id: string) => {
    touched.add(c)
    return t.collection(c).doc(id)
  }
  const get = async <T extends DocData>(c: string, id: string) => {
    try {
      const res = await doc(c, id).get()
      const data = Array.isArray(res.data) ? (res.data[0] as unknown) : res.data
      return data == null ? undefined : ({ ...(data as T), _id: id } as StoredDoc<T>)
    } catch (e) {
      if (isMissingDoc(e)) return undefined
      throw e
    }
  }
  return {
    get,
    async create(c, id, data) {
      const existing = await get(c, id)
      if (existing) conflict()
      await doc(c, id).set({ data })
    },
    async update(c, id, patch) {
      await doc(c, id).update({ data: patch })
    },
    async updateVersioned(c, id, expectedVersion, patch) {
      const current = await get<{ version?: unknown }>(c, id)
      // Documents written before versioning (e.g. seeded) count as version 0.
      if (!current || (current.version ?? 0) !== expectedVersion) conflict()
      await doc(c, id).update({ data: { ...patch, version: expectedVersion + 1 } })
    },
  }
}

/**
 * Runs `fn` in a database transaction. Typed errors raised inside roll it back and reach the
 * caller unchanged (the SDK may wrap what a callback throws, so they travel in a closure).
 */
export async function runTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = getDb()
  const touched = new Set<string>()
  const attempt = async (): Promise<T> => {
    let raised: unknown
    try {
      return (await db.runTransaction(async (t: SdkTransaction) => {
        try {
          return await fn(wrap(t, touched))
        } catch (e) {
          raised = e
          throw e
        }
      })) as T
    } catch (e) {
      if (isAppError(raised)) throw raised
      throw raised ?? e
    }
  }
  try {
    return await attempt()
  } catch (e) {
    if (!isCollectionMissing(e)) throw e
    // First write to a fresh environment: create what the attempt touched, then try once more.
    for (const name of touched) {
      await (db.createCollection(name) as Promise<unknown>).catch(() => undefined)
    }
    return attempt()
  }
}
