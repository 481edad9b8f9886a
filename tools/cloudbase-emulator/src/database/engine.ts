import { aggregate as mingoAggregate, type Query } from 'mingo'
import type { ChangeEvent, Clock } from '../server/contracts'
import { TcbCode, TcbError } from '../server/errors'
import { CollectionData } from './collection-data'
import type { Doc } from './ejson'
import { readPath } from './index-key'
import type { IndexSpec } from './indexes'
import { compileFilter, messageOf, modify, newDocId, upsertBase } from './mutations'
import type { LogOp, LogRecord, Persistence, SnapshotEntry } from './persistence'
import { DocLocks, LockRefused } from './doc-locks'
import { newTransaction, touchKey, type Transaction } from './transactions'

export interface SchemaConfig {
  readonly collections: readonly string[]
  readonly indexes: Readonly<Record<string, readonly IndexSpec[]>>
}

export interface FindOptions {
  readonly sort?: Readonly<Record<string, number>>
  readonly skip?: number
  readonly limit?: number
  readonly projection?: Doc
}

export interface UpdateOptions {
  readonly multi?: boolean
  readonly upsert?: boolean
  /** `doc().set()`: the data replaces the document instead of being merged into it. */
  readonly replace?: boolean
}

export interface UpdateResult {
  readonly updated: number
  readonly upsertedId?: string
}

export interface EngineOptions {
  readonly clock: Clock
  readonly schema: SchemaConfig
  readonly persistence?: Persistence
  /** Compact once this many records are in the log. */
  readonly compactEvery?: number
  /** A transaction idle this long is rolled back so it cannot hold its environment forever. */
  readonly transactionTimeoutMs?: number
  /** How long a transaction waits for a document another transaction holds. */
  readonly transactionWaitMs?: number
}

interface Change {
  readonly c: string
  readonly id: string
  readonly before: Doc | undefined
  readonly after: Doc | undefined
  readonly replace: boolean
}

let matchAllQuery: Query | undefined
/** One compiled `{}` query, reused for sorting and projecting already-matched documents. */
function matchAll(): Query {
  return (matchAllQuery ??= compileFilter({}))
}

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/

/**
 * The document database: all data in memory (per environment, per collection), every committed
 * change appended to the durable log before it is acknowledged, changes announced in commit order.
 */
export class DatabaseEngine {
  readonly #envs = new Map<string, Map<string, CollectionData>>()
  readonly #options: EngineOptions
  readonly #listeners = new Set<(event: ChangeEvent) => void>()
  readonly #locks = new DocLocks()
  readonly #transactions = new Map<string, Transaction>()
  /** Open transactions per environment: a commit checks them for conflicts. */
  readonly #live = new Map<string, Set<Transaction>>()
  #seq = 0
  #compacting = false

  constructor(options: EngineOptions) {
    this.#options = options
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async open(): Promise<void> {
    const persistence = this.#options.persistence
    if (persistence === undefined) return
    const state = persistence.load()
    for (const entry of state.snapshot) {
      const data = this.#ensure(entry.env, entry.c)
      if (entry.doc !== undefined) data.put(String(entry.doc['_id']), entry.doc)
    }
    for (const record of state.records) this.#applyOps(record.env, record.ops)
    this.#seq = state.seq
    await persistence.open()
  }

  async close(): Promise<void> {
    for (const txn of [...this.#transactions.values()]) this.#discard(txn)
    const persistence = this.#options.persistence
    if (persistence === undefined) return
    await persistence.drain()
    persistence.compactSync(this.#seq, this.#snapshotEntries())
    await persistence.close()
  }

  onChange(listener: (event: ChangeEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  envNames(): string[] {
    return [...this.#envs.keys()].sort()
  }

  // ---- collections -----------------------------------------------------------------------------

  #env(env: string): Map<string, CollectionData> {
    let collections = this.#envs.get(env)
    if (collections === undefined) {
      collections = new Map()
      this.#envs.set(env, collections)
      // Every environment starts with the project's schema collections.
      for (const name of this.#options.schema.collections) {
        collections.set(name, new CollectionData(this.#options.schema.indexes[name] ?? []))
      }
    }
    return collections
  }

  #ensure(env: string, name: string): CollectionData {
    const collections = this.#env(env)
    let data = collections.get(name)
    if (data === undefined) {
      data = new CollectionData(this.#options.schema.indexes[name] ?? [])
      collections.set(name, data)
    }
    return data
  }

  #existing(env: string, name: string): CollectionData {
    const data = this.#env(env).get(name)
    if (data === undefined) {
      throw new TcbError(TcbCode.DATABASE_COLLECTION_NOT_EXIST, `集合 ${name} 不存在`)
    }
    return data
  }

  hasCollection(env: string, name: string): boolean {
    return this.#env(env).has(name)
  }

  listCollections(env: string): string[] {
    return [...this.#env(env).keys()].sort()
  }

  indexesOf(env: string, name: string): readonly IndexSpec[] {
    return this.#existing(env, name).indexes.map((i) => i.spec)
  }

  /** Creates a collection; false when it already existed. */
  async createCollection(env: string, name: string): Promise<boolean> {
    if (!COLLECTION_NAME.test(name)) {
      throw new TcbError(
        TcbCode.INVALID_PARAM,
        `集合名 ${name} 不合法：字母或下划线开头，最长 128 字符`,
      )
    }
    if (this.hasCollection(env, name)) return false
    await this.#commit(env, [], [{ c: name, create: true }], undefined)
    return true
  }

  // ---- reads -----------------------------------------------------------------------------------

  #transaction(env: string, id: string | undefined): Transaction | undefined {
    if (id === undefined || id === '') return undefined
    const txn = this.#transactions.get(id)
    if (txn === undefined || txn.env !== env) {
      throw new TcbError(TcbCode.DATABASE_TRANSACTION_FAIL, `事务 ${id} 不存在或已结束`)
    }
    this.#touchLease(txn)
    return txn
  }

  /** Documents of `name` matching `filter`, as this transaction (or the committed state) sees them. */
  #matching(env: string, name: string, filter: Doc, txn: Transaction | undefined): Doc[] {
    const data = this.#existing(env, name)
    const overlay = txn?.overlay.get(name)
    const candidates = data.candidates(filter)
    // Compiling a mingo query costs more than an indexed lookup; skip it when the index is exact.
    let query: Query | undefined
    const test = (doc: Doc): boolean => (query ??= compileFilter(filter)).test(doc)
    const out: Doc[] = []
    for (const doc of candidates.docs) {
      if (overlay?.has(String(doc['_id'])) === true) continue
      if (candidates.exact || test(doc)) out.push(doc)
    }
    if (overlay !== undefined) {
      for (const doc of overlay.values()) if (doc !== null && test(doc)) out.push(doc)
    }
    if (txn !== undefined)
      for (const doc of out) txn.touched.add(touchKey(name, String(doc['_id'])))
    return out
  }

  /** Like find(), without copying: for the wire path, which serialises right away. */
  findRaw(
    env: string,
    name: string,
    filter: Doc,
    options: FindOptions = {},
    txnId?: string,
  ): Doc[] {
    const txn = this.#transaction(env, txnId)
    const docs = this.#matching(env, name, filter, txn)
    const sorted = options.sort !== undefined && Object.keys(options.sort).length > 0
    if (!sorted && options.projection === undefined) {
      const skip = options.skip ?? 0
      return docs.slice(skip, options.limit === undefined ? undefined : skip + options.limit)
    }
    try {
      let cursor = matchAll().find<Doc>(docs, options.projection)
      if (sorted) cursor = cursor.sort(options.sort)
      if (options.skip !== undefined && options.skip > 0) cursor = cursor.skip(options.skip)
      if (options.limit !== undefined) cursor = cursor.limit(options.limit)
      return cursor.all()
    } catch (err) {
      throw new TcbError(TcbCode.DATABASE_INVALID_OPERATOR, `查询参数无效：${messageOf(err)}`)
    }
  }

  find(
    env: string,
    name: string,
    filter: Doc = {},
    options: FindOptions = {},
    txnId?: string,
  ): Doc[] {
    return structuredClone(this.findRaw(env, name, filter, options, txnId))
  }

  count(env: string, name: string, filter: Doc = {}, txnId?: string): number {
    const txn = this.#transaction(env, txnId)
    return this.#matching(env, name, filter, txn).length
  }

  aggregate(env: string, name: string, pipeline: Doc[]): Doc[] {
    const data = this.#existing(env, name)
    let source: Iterable<Doc> = data.docs.values()
    let stages = pipeline
    const first = pipeline[0]?.['$match']
    if (first !== undefined && first !== null && typeof first === 'object') {
      // A leading $match can use the indexes like a query does.
      const filter = first as Doc
      const candidates = data.candidates(filter)
      const query = compileFilter(filter)
      source = candidates.exact
        ? [...candidates.docs]
        : [...candidates.docs].filter((d) => query.test(d))
      stages = pipeline.slice(1)
    }
    try {
      return structuredClone(
        mingoAggregate([...source], stages, {
          collectionResolver: (other: string) => [
            ...(this.#env(env).get(other)?.docs.values() ?? []),
          ],
        }) as Doc[],
      )
    } catch (err) {
      throw new TcbError(TcbCode.DATABASE_INVALID_OPERATOR, `聚合管道无效：${messageOf(err)}`)
    }
  }

  // ---- writes ----------------------------------------------------------------------------------

  async insert(env: string, name: string, docs: readonly Doc[], txnId?: string): Promise<string[]> {
    const txn = this.#transaction(env, txnId)
    this.#existing(env, name)
    const changes: Change[] = []
    const ids = new Set<string>()
    for (const input of docs) {
      const given = input['_id']
      if (given !== undefined && (typeof given !== 'string' || given === '')) {
        throw new TcbError(TcbCode.INVALID_PARAM, '_id 必须是非空字符串')
      }
      const id = given ?? newDocId()
      if (ids.has(id) || this.#current(env, name, id, txn) !== undefined) {
        throw duplicate(env, name, '_id_', `_id: "${id}"`)
      }
      ids.add(id)
      changes.push({
        c: name,
        id,
        before: undefined,
        after: { ...structuredClone(input), _id: id },
        replace: false,
      })
    }
    await this.#write(env, txn, changes)
    return [...ids]
  }

  async update(
    env: string,
    name: string,
    filter: Doc,
    data: Doc,
    options: UpdateOptions = {},
    txnId?: string,
  ): Promise<UpdateResult> {
    const txn = this.#transaction(env, txnId)
    const matched = this.#matching(env, name, filter, txn)
    const targets = options.multi === true ? matched : matched.slice(0, 1)
    const replace = options.replace === true
    const changes: Change[] = []
    for (const doc of targets) {
      const after = modify(doc, data, replace)
      if (after !== undefined)
        changes.push({ c: name, id: String(doc['_id']), before: doc, after, replace })
    }
    if (targets.length === 0 && options.upsert === true) {
      const givenId = filter['_id']
      const id = typeof givenId === 'string' ? givenId : newDocId()
      const base: Doc = { ...upsertBase(filter), _id: id }
      const after = replace
        ? { ...structuredClone(data), _id: id }
        : (modify(base, data, false) ?? base)
      changes.push({ c: name, id, before: undefined, after, replace: false })
      await this.#write(env, txn, changes)
      return { updated: 0, upsertedId: id }
    }
    await this.#write(env, txn, changes)
    return { updated: changes.length }
  }

  async remove(
    env: string,
    name: string,
    filter: Doc,
    multi: boolean,
    txnId?: string,
  ): Promise<number> {
    const txn = this.#transaction(env, txnId)
    const matched = this.#matching(env, name, filter, txn)
    const targets = multi ? matched : matched.slice(0, 1)
    const changes = targets.map((doc) => ({
      c: name,
      id: String(doc['_id']),
      before: doc,
      after: undefined,
      replace: false,
    }))
    await this.#write(env, txn, changes)
    return changes.length
  }

  #current(env: string, name: string, id: string, txn: Transaction | undefined): Doc | undefined {
    const staged = txn?.overlay.get(name)?.get(id)
    if (staged !== undefined) return staged ?? undefined
    return this.#env(env).get(name)?.get(id)
  }

  #write(env: string, txn: Transaction | undefined, changes: Change[]): Promise<void> {
    if (txn === undefined) return this.#commit(env, changes, [], undefined)
    for (const change of changes) {
      let overlay = txn.overlay.get(change.c)
      if (overlay === undefined) {
        overlay = new Map()
        txn.overlay.set(change.c, overlay)
      }
      overlay.set(change.id, change.after ?? null)
      txn.touched.add(touchKey(change.c, change.id))
    }
    return Promise.resolve()
  }

  /** Checks unique indexes for a set of changes against the committed state. */
  #checkUnique(env: string, changes: readonly Change[]): void {
    const byCollection = new Map<string, Change[]>()
    for (const change of changes) {
      const list = byCollection.get(change.c) ?? []
      list.push(change)
      byCollection.set(change.c, list)
    }
    for (const [name, list] of byCollection) {
      const data = this.#existing(env, name)
      const changedIds = new Set(list.map((c) => c.id))
      for (const index of data.indexes) {
        if (index.spec.unique !== true) continue
        const seen = new Map<string, string>()
        for (const change of list) {
          if (change.after === undefined) continue
          for (const key of index.keysOf(change.after)) {
            const other = seen.get(key)
            const clash =
              (other !== undefined && other !== change.id) ||
              [...index.lookup(key)].some((id) => id !== change.id && !changedIds.has(id))
            if (clash) {
              const shown = index.spec.fields
                .map(
                  (f) =>
                    `${f}: ${JSON.stringify(change.after === undefined ? null : readPath(change.after, f))}`,
                )
                .join(', ')
              throw duplicate(env, name, index.name, shown)
            }
            seen.set(key, change.id)
          }
        }
      }
    }
  }

  #applyOps(env: string, ops: readonly LogOp[]): void {
    for (const op of ops) {
      if ('create' in op) this.#ensure(env, op.c)
      else if ('drop' in op) this.#env(env).delete(op.c)
      else if ('del' in op) this.#env(env).get(op.c)?.delete(op.id)
      else this.#ensure(env, op.c).put(op.id, op.doc)
    }
  }

  /** The single commit point: validate, apply, log, announce. Resolves when durable. */
  #commit(
    env: string,
    changes: readonly Change[],
    extraOps: readonly LogOp[],
    committing: Transaction | undefined,
  ): Promise<void> {
    if (changes.length === 0 && extraOps.length === 0) return Promise.resolve()
    this.#checkUnique(env, changes)
    const ops: LogOp[] = [...extraOps]
    for (const change of changes) {
      ops.push(
        change.after === undefined
          ? { c: change.c, id: change.id, del: true }
          : { c: change.c, id: change.id, doc: change.after },
      )
    }
    this.#applyOps(env, ops)
    this.#seq += 1
    const record: LogRecord = { seq: this.#seq, env, ops }
    for (const other of this.#live.get(env) ?? []) {
      if (other !== committing && !other.conflicted) this.#markConflicts(other, changes)
    }
    for (const change of changes) this.#announce(env, change)
    const persistence = this.#options.persistence
    if (persistence === undefined) return Promise.resolve()
    const durable = persistence.append(record)
    this.#maybeCompact()
    return durable
  }

  #announce(env: string, change: Change): void {
    const type: ChangeEvent['type'] =
      change.before === undefined
        ? 'add'
        : change.after === undefined
          ? 'remove'
          : change.replace
            ? 'replace'
            : 'update'
    const event: ChangeEvent = {
      envName: env,
      collection: change.c,
      docId: change.id,
      type,
      after: change.after === undefined ? undefined : structuredClone(change.after),
      before: change.before === undefined ? undefined : structuredClone(change.before),
    }
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // A faulty listener must not undo or block a commit that already happened.
      }
    }
  }

  // ---- transactions ----------------------------------------------------------------------------

  /**
   * Starts a transaction; it waits for nothing here. Documents are locked one by one as the
   * transaction reaches them (`lockFor`), so transactions on different documents run side by side.
   * `owner` is the WX_API_TOKEN of the function instance that asked, so that a killed instance's
   * transactions can be rolled back at once (`abandon`).
   */
  startTransaction(env: string, owner?: string): Promise<string> {
    const txn = newTransaction(env, owner)
    this.#transactions.set(txn.id, txn)
    let live = this.#live.get(env)
    if (live === undefined) this.#live.set(env, (live = new Set()))
    live.add(txn)
    this.#touchLease(txn)
    return Promise.resolve(txn.id)
  }

  /**
   * Takes the locks a transactional operation on `filter` needs before it runs: the document id
   * the filter pins, or — for any other filter — nothing, but the query is remembered and a later
   * commit of a matching document fails this transaction's commit (optimistic, so no phantom).
   *
   * A transaction whose wait would close a cycle, or last over `transactionWaitMs`, is the victim:
   * it gives up every lock at once (so the others go on), the operation runs unlocked, and its
   * commit answers DATABASE_TRANSACTION_CONFLICT. The conflict is reported at the commit because
   * that is the one place the SDK's runTransaction sees the code and starts the transaction again;
   * wx-server-sdk turns an error from a read or write inside the callback into a plain -501001.
   */
  lockFor(env: string, txnId: string | undefined, name: string, filter: Doc): Promise<void> {
    const txn = this.#transaction(env, txnId)
    if (txn === undefined) return Promise.resolve()
    const id = pinnedId(filter)
    if (id !== undefined) return this.#lockIds(txn, name, [id])
    try {
      txn.predicates.push({ c: name, query: compileFilter(filter) })
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)))
    }
    return Promise.resolve()
  }

  /** Takes the locks of documents a transaction inserts under ids of its choosing. */
  lockIds(
    env: string,
    txnId: string | undefined,
    name: string,
    ids: readonly string[],
  ): Promise<void> {
    const txn = this.#transaction(env, txnId)
    return txn === undefined ? Promise.resolve() : this.#lockIds(txn, name, ids)
  }

  async #lockIds(txn: Transaction, name: string, ids: readonly string[]): Promise<void> {
    const waitMs = this.#options.transactionWaitMs ?? 20_000
    for (const id of ids) {
      if (txn.doomed) return
      const pending = this.#locks.acquire(txn.id, lockKey(txn.env, name, id), waitMs)
      if (pending === undefined) continue
      try {
        await pending
      } catch (err) {
        if (!(err instanceof LockRefused)) throw err
        if (err.why === 'ended' || !this.#transactions.has(txn.id)) {
          throw new TcbError(TcbCode.DATABASE_TRANSACTION_FAIL, `事务 ${txn.id} 不存在或已结束`)
        }
        txn.doomed = true
        txn.conflicted = true
        this.#locks.releaseAll(txn.id)
        return
      }
      // Waiting may have outlived the transaction (rolled back on its owner's timeout).
      if (!this.#transactions.has(txn.id)) {
        throw new TcbError(TcbCode.DATABASE_TRANSACTION_FAIL, `事务 ${txn.id} 不存在或已结束`)
      }
      this.#touchLease(txn)
    }
  }

  /** Open transactions and lock requests waiting for a document another transaction holds. */
  transactionStats(): { open: number; waiting: number } {
    return { open: this.#transactions.size, waiting: this.#locks.waiting }
  }

  /** Rolls back every open transaction of a function instance that was terminated. */
  abandon(owner: string): number {
    let n = 0
    for (const txn of [...this.#transactions.values()]) {
      if (txn.owner === owner) {
        this.#discard(txn)
        n += 1
      }
    }
    return n
  }

  /** A foreign commit of a document `txn` read or wrote, or one its queries matched. */
  #markConflicts(txn: Transaction, changes: readonly Change[]): void {
    for (const change of changes) {
      if (txn.touched.has(touchKey(change.c, change.id))) {
        txn.conflicted = true
        return
      }
      for (const p of txn.predicates) {
        if (p.c !== change.c) continue
        if (
          (change.before !== undefined && p.query.test(change.before)) ||
          (change.after !== undefined && p.query.test(change.after))
        ) {
          txn.conflicted = true
          return
        }
      }
    }
  }

  async commitTransaction(env: string, id: string): Promise<void> {
    const txn = this.#transaction(env, id)
    if (txn === undefined) throw new TcbError(TcbCode.INVALID_PARAM, '缺少 transactionId')
    if (txn.conflicted) {
      // The SDK retries runTransaction on this code without rolling back, so end it here.
      this.#discard(txn)
      throw new TcbError(
        TcbCode.DATABASE_TRANSACTION_CONFLICT,
        txn.doomed
          ? `事务冲突：与其他事务互相等待同一批记录，或等待超过 ${(this.#options.transactionWaitMs ?? 20_000) / 1000} 秒，本事务未提交`
          : '事务冲突：读取或写入的记录已被其他操作修改',
      )
    }
    const changes: Change[] = []
    for (const [name, overlay] of txn.overlay) {
      for (const [docId, after] of overlay) {
        const before = this.#env(env).get(name)?.get(docId)
        if (before === undefined && after === null) continue
        changes.push({ c: name, id: docId, before, after: after ?? undefined, replace: false })
      }
    }
    let durable: Promise<void>
    try {
      durable = this.#commit(env, changes, [], txn)
    } finally {
      this.#discard(txn)
    }
    await durable
  }

  abortTransaction(env: string, id: string): void {
    const txn = this.#transaction(env, id)
    if (txn !== undefined) this.#discard(txn)
  }

  #touchLease(txn: Transaction): void {
    if (txn.timer !== undefined) clearTimeout(txn.timer)
    txn.timer = setTimeout(() => this.#discard(txn), this.#options.transactionTimeoutMs ?? 30_000)
    txn.timer.unref()
  }

  #discard(txn: Transaction): void {
    if (!this.#transactions.delete(txn.id)) return
    if (txn.timer !== undefined) clearTimeout(txn.timer)
    this.#live.get(txn.env)?.delete(txn)
    this.#locks.releaseAll(txn.id)
  }

  // ---- maintenance -----------------------------------------------------------------------------

  *#snapshotEntries(): Generator<SnapshotEntry> {
    for (const [env, collections] of this.#envs) {
      for (const [name, data] of collections) {
        yield { env, c: name }
        for (const doc of data.docs.values()) yield { env, c: name, doc }
      }
    }
  }

  #maybeCompact(): void {
    const persistence = this.#options.persistence
    if (persistence === undefined || this.#compacting) return
    if (persistence.recordsSinceCompaction < (this.#options.compactEvery ?? 50_000)) return
    this.#compacting = true
    setImmediate(() => {
      void this.compact().finally(() => {
        this.#compacting = false
      })
    })
  }

  /** Snapshot + truncate now. */
  async compact(): Promise<void> {
    const persistence = this.#options.persistence
    if (persistence === undefined) return
    await persistence.drain()
    persistence.compactSync(this.#seq, this.#snapshotEntries())
  }

  /** Drops every document and collection (of one environment, or all); schema collections return. */
  async reset(env?: string): Promise<void> {
    const targets = env === undefined ? [...this.#envs.keys()] : [env]
    for (const name of targets) {
      for (const txn of [...this.#transactions.values()]) if (txn.env === name) this.#discard(txn)
      const collections = this.#envs.get(name)
      if (collections === undefined) continue
      this.#envs.delete(name)
      for (const [c, data] of collections) {
        for (const doc of data.docs.values()) {
          this.#announce(name, {
            c,
            id: String(doc['_id']),
            before: doc,
            after: undefined,
            replace: false,
          })
        }
      }
    }
    this.#seq += 1
    await this.compact()
  }
}

function lockKey(env: string, collection: string, id: string): string {
  return `${env}\u0000${collection}\u0000${id}`
}

/** The one `_id` a filter pins by equality (`{_id: x}` or `{_id: {$eq: x}}`), if it does. */
function pinnedId(filter: Doc): string | undefined {
  const id = filter['_id']
  if (typeof id === 'string') return id
  if (id !== null && typeof id === 'object' && !Array.isArray(id)) {
    const ops = Object.keys(id)
    const eq = (id as Doc)['$eq']
    if (ops.length === 1 && typeof eq === 'string') return eq
  }
  return undefined
}

function duplicate(env: string, name: string, index: string, key: string): TcbError {
  return new TcbError(
    TcbCode.DATABASE_DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${env}.${name} index: ${index} dup key: { ${key} }（唯一索引冲突）`,
  )
}
