// A typed face over the SDK's database API. The SDK's own typings return `Promise<T> | void | string`
// for every call, so the casts live here once instead of in every handler.
import { getDb } from './cloud'
import { conflict, errorText } from './errors'

export type DocData = Record<string, unknown>

/** A stored document: its CloudBase `_id` plus fields. Mutable documents also carry `version`. */
export type StoredDoc<T> = T & { readonly _id: string }

interface QueryResult {
  data: unknown[]
}
interface UpdateResult {
  stats: { updated: number }
}
interface AddResult {
  _id: string
}
interface CountResult {
  total: number
}
interface RemoveResult {
  stats: { removed: number }
}

/** Chainable query as the SDK builds it; kept minimal so handlers stay readable. */
interface SdkQuery {
  where(cond: unknown): SdkQuery
  orderBy(field: string, order: 'asc' | 'desc'): SdkQuery
  skip(n: number): SdkQuery
  limit(n: number): SdkQuery
  field(projection: Record<string, boolean>): SdkQuery
  get(): Promise<QueryResult>
  count(): Promise<CountResult>
  update(opts: { data: unknown }): Promise<UpdateResult>
  remove(): Promise<RemoveResult>
}
interface SdkCollection extends SdkQuery {
  add(opts: { data: unknown }): Promise<AddResult>
  doc(id: string): {
    get(): Promise<{ data: unknown }>
    set(opts: { data: unknown }): Promise<unknown>
    update(opts: { data: unknown }): Promise<UpdateResult>
    remove(): Promise<RemoveResult>
  }
}

export function collection(name: string): SdkCollection {
  return getDb().collection(name) as unknown as SdkCollection
}

/** CloudBase answers a query on a collection that was never created with an error, not `[]`. */
export function isCollectionMissing(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false
  const rec = e as { errCode?: unknown; code?: unknown; errMsg?: unknown; message?: unknown }
  if (rec.errCode === -502005 || rec.code === 'DATABASE_COLLECTION_NOT_EXIST') return true
  const text = errorText(e)
  return /collection.*not ?exist|COLLECTION_NOT_EXIST/i.test(text)
}

async function readOrEmpty<T>(run: () => Promise<T>, empty: T): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (isCollectionMissing(e)) return empty
    throw e
  }
}

/** Runs a write; if the collection does not exist yet, creates it once and retries. */
async function writeCreating<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (!isCollectionMissing(e)) throw e
    await (getDb().createCollection(name) as Promise<unknown>).catch(() => undefined)
    return run()
  }
}

export async function findById<T extends DocData>(
  name: string,
  id: string,
): Promise<StoredDoc<T> | undefined> {
  const res = await readOrEmpty(() => collection(name).where({ _id: id }).limit(1).get(), {
    data: [],
  })
  return res.data[0] as StoredDoc<T> | undefined
}

export interface FindOptions {
  readonly orderBy?: readonly (readonly [string, 'asc' | 'desc'])[]
  readonly skip?: number
  readonly limit?: number
}

export async function findMany<T extends DocData>(
  name: string,
  where: unknown,
  options: FindOptions = {},
): Promise<StoredDoc<T>[]> {
  let q = collection(name).where(where)
  for (const [field, order] of options.orderBy ?? []) q = q.orderBy(field, order)
  if (options.skip) q = q.skip(options.skip)
  q = q.limit(options.limit ?? 100)
  const res = await readOrEmpty(() => q.get(), { data: [] })
  return res.data as StoredDoc<T>[]
}

export async function countWhere(name: string, where: unknown): Promise<number> {
  const res = await readOrEmpty(() => collection(name).where(where).count(), { total: 0 })
  return res.total
}

export async function insert(name: string, data: DocData): Promise<string> {
  const res = await writeCreating(name, () => collection(name).add({ data }))
  return res._id
}

/**
 * The optimistic-concurrency write: succeeds only while the document still has the version the
 * caller read. Two racing writers cannot both win; the loser gets `CONFLICT`.
 */
export async function updateIfVersion(
  name: string,
  id: string,
  expectedVersion: number,
  patch: DocData,
): Promise<void> {
  const res = await collection(name)
    .where({ _id: id, version: expectedVersion })
    .update({ data: { ...patch, version: expectedVersion + 1 } })
  if (res.stats.updated !== 1) conflict()
}

/** A conditional update of many documents; returns how many matched. */
export async function updateWhere(name: string, where: unknown, patch: DocData): Promise<number> {
  const res = await readOrEmpty(() => collection(name).where(where).update({ data: patch }), {
    stats: { updated: 0 },
  })
  return res.stats.updated
}

export async function removeWhere(name: string, where: unknown): Promise<number> {
  const res = await readOrEmpty(() => collection(name).where(where).remove(), {
    stats: { removed: 0 },
  })
  return res.stats.removed
}

export function command() {
  return getDb().command
}
